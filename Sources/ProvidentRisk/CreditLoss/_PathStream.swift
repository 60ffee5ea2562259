// One random stream per Monte Carlo path, so results never depend on threads or on how the paths
// are split.
import ProvidentPortfolio

/// The random numbers of one path: xoshiro256** seeded from the run's seed and the path's index
/// through the SplitMix64 finalizer, so path `i` draws the same numbers whichever thread runs it,
/// in whichever block, and whether the run covers paths `0..<M` or only a part of them.
struct _PathStream {
  var generator: _Xoshiro

  init(seed: UInt64, path: Int) {
    generator = _Xoshiro(
      seed: Self.mix(seed ^ Self.mix(UInt64(truncatingIfNeeded: path) &+ 0x632B_E59B_D9B4_E019)))
  }

  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in the open interval (0, 1): 53 random bits and a half, never 0 or 1.
  @inline(__always)
  mutating func uniform() -> Double {
    (Double(generator.next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// A standard normal by inversion, `G(U)`: one uniform per draw.
  @inline(__always)
  mutating func normal() -> Double { Normal.quantile(uniform()) }
}
