// A small seeded generator: the same book from the same seed on every machine.

import Foundation

/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64 steps.
///
/// Public (underscored, not API) rather than `package` so that the Monte Carlo paths in another
/// module inline `next()`: this toolchain does not inline `@inlinable package` declarations across
/// modules.
public struct _Xoshiro: RandomNumberGenerator, Sendable {
  public var s: (UInt64, UInt64, UInt64, UInt64)

  @inlinable public init(seed: UInt64) {
    var x = seed
    func next() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s = (next(), next(), next(), next())
  }

  @inlinable @inline(__always)
  public static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  @inlinable public mutating func next() -> UInt64 {
    let result = Self.rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = Self.rotl(s.3, 45)
    return result
  }

  /// Uniform in [0, 1).
  package mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Standard normal (Box–Muller).
  package mutating func normal() -> Double {
    let u = max(unit(), 0x1.0p-53)
    let v = unit()
    return (-2 * _log(u)).squareRoot() * _cos(2 * Double.pi * v)
  }

  /// An index drawn with the given weights.
  package mutating func pick(_ cumulative: [Double]) -> Int {
    let u = unit() * cumulative[cumulative.count - 1]
    var i = 0
    while i < cumulative.count - 1 && cumulative[i] <= u { i += 1 }
    return i
  }
}

@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }
