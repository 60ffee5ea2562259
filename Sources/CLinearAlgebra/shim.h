// CBLAS and LAPACKE for Swift. No Swift API of its own: ProvidentPortfolio wraps what it uses.
#ifndef PROVIDENT_CLINEARALGEBRA_SHIM_H
#define PROVIDENT_CLINEARALGEBRA_SHIM_H
#include <cblas.h>
#include <lapacke.h>
// lapack_int is a macro Swift cannot see.
typedef lapack_int LapackInt;
#endif
