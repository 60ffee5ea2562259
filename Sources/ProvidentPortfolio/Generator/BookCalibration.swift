// The figures a synthetic book is calibrated to, each with its source (docs/domain.md, docs/risk-models.md) or
// marked ILLUSTRATIVE where no source gives it. docs/file-formats.md explains the choices.

/// Calibration of the synthetic book: national HPF figures and the assumptions that fill gaps.
public enum BookCalibration {
  /// Loans issued per year, in 10,000 loans (万笔), and their amount in 亿元 (docs/domain.md §8.2):
  /// 2018 [S131], 2019 [S132], 2021 (derived) [S133], 2022 [S128], 2023 [S125], 2024 [S127].
  /// 2012–2017, 2020 and 2025 are not in DOMAIN: ILLUSTRATIVE (250 a year before 2018, 2020
  /// interpolated, 2025 = 2024). The average loan is amount ÷ count (2022: 47.8万).
  public static let vintages: [(year: Int, loans: Double, amount: Double)] = [
    (2012, 250, 250 * 33), (2013, 250, 250 * 34), (2014, 250, 250 * 35),
    (2015, 250, 250 * 36), (2016, 250, 250 * 38), (2017, 250, 250 * 39),
    (2018, 252.58, 10_218.53), (2019, 286.04, 12_139.06), (2020, 298, 298 * 43.7),
    (2021, 310.3, 13_964), (2022, 247.75, 11_841.85), (2023, 286.09, 14_713.06),
    (2024, 231, 13_000), (2025, 231, 13_000),
  ]

  /// Share of loans that are for a first home: 86.86 % of 2024 lending [S127], 86.96 % in 2019
  /// [C8] (docs/domain.md §8.2).
  public static let firstHomeShare = 0.869

  /// Yearly run-off of outstanding loans by count, used to weight vintages still on the book:
  /// total principal recovery ran at 10.46 %/yr in 2022 and ≈ 12 % in 2023–24 (docs/risk-models.md §4.2).
  public static let yearlyRunoff = 0.11

  /// Overdue amount ÷ loan balance: 0.03 % (20.75 亿 of 72,984.33 亿, 2022 [S128], docs/domain.md
  /// §8.1). With the overdue-period mix below (mean 2.3 installments) and an installment of
  /// ≈ 0.7 % of the balance, ≈ 1.9 % of loans overdue gives that ratio.
  public static let overdueAmountRatio = 0.0003
  public static let overdueLoanShare = 0.019
  /// Installments overdue among overdue loans (ILLUSTRATIVE; buckets of docs/domain.md §8.1).
  public static let overduePeriods: [(periods: ClosedRange<Int>, weight: Double)] = [
    (1...1, 0.55), (2...2, 0.20), (3...3, 0.10), (4...5, 0.07), (6...12, 0.08),
  ]

  /// Contract terms in months (ILLUSTRATIVE: DOMAIN gives only the 30-year maximum [S108]).
  public static let terms: [(months: Int, weight: Double)] = [
    (60, 0.04), (120, 0.08), (180, 0.14), (240, 0.22), (300, 0.14), (360, 0.38),
  ]

  /// Spread of a loan's size around its vintage's average: lognormal σ (ILLUSTRATIVE), and the
  /// bounds of a provident loan (ILLUSTRATIVE; city ceilings run to 120–200 万, docs/domain.md §6.2).
  public static let sizeSigma = 0.45
  public static let sizeBounds = (minimum: 50_000.0, maximum: 2_000_000.0)

  /// Share of the commercial parts of combination loans (docs/domain.md §4) in the book, among loans
  /// disbursed in the LPR era (from 2019-09): ILLUSTRATIVE, no national share is published.
  public static let commercialShare = 0.15
  /// Share repaid by equal principal (等额本金): ILLUSTRATIVE.
  public static let equalPrincipalShare = 0.15
  /// Share of seasoned loans (a year or more paid) with an earlier partial prepayment (keep-term),
  /// and its size as a fraction of the balance: ILLUSTRATIVE.
  public static let prepaidShare = 0.2
  public static let prepaidFraction = 0.1...0.5

  /// Provincial codes (ISO 3166-2:CN) weighted by population in millions (2020 census as commonly
  /// reported; not in docs/domain.md, verify before relying on it): an ILLUSTRATIVE proxy, since
  /// docs/domain.md has no regional split of HPF lending.
  public static let regions: [(code: String, weight: Double)] = [
    ("GD", 126.0), ("SD", 101.5), ("HA", 99.4), ("JS", 84.7), ("SC", 83.7), ("HE", 74.6),
    ("HN", 66.4), ("ZJ", 64.6), ("AH", 61.0), ("HB", 57.8), ("GX", 50.1), ("YN", 47.2),
    ("JX", 45.2), ("LN", 42.6), ("FJ", 41.5), ("SN", 39.5), ("GZ", 38.6), ("SX", 34.9),
    ("CQ", 32.1), ("HL", 31.9), ("XJ", 25.9), ("GS", 25.0), ("SH", 24.9), ("JL", 24.1),
    ("NM", 24.0), ("BJ", 21.9), ("TJ", 13.9), ("HI", 10.1), ("NX", 7.2), ("QH", 5.9), ("XZ", 3.6),
  ]
}
