// Every shipped policy file loads and validates; broken files fail naming file, line, key and rule.
import Foundation
import ProvidentCore
import Testing
import _ProvidentTestSupport

@testable import ProvidentPolicy

/// The policy files as they are on disk (the same text the build embeds).
enum PolicyFiles {
  static let folder = Golden.datasetPath("policies")

  static func onDisk() throws -> [String: String] {
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder)
    where !name.hasPrefix(".") && name != "README.md" {
      files["policies/" + name] = try String(
        contentsOfFile: folder + "/" + name, encoding: .utf8)
    }
    return files
  }

  /// The shipped files with `file`'s text changed by `edit`; the edit must change something.
  static func edited(_ file: String, _ edit: (String) -> String) throws -> [String: String] {
    var files = try onDisk()
    let before = try #require(files[file], "no \(file)")
    let after = edit(before)
    #expect(after != before, "the edit of \(file) changed nothing")
    files[file] = after
    return files
  }

  /// The error loading `files` gives, or nil when they load.
  static func loadError(_ files: [String: String]) -> PolicyFileError? {
    do {
      _ = try PolicyLibrary(files: files)
      return nil
    } catch {
      return error
    }
  }
}

extension String {
  /// Replaces the first occurrence only (policy edits target one place).
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}

@Suite("Policy files (datasets/policies)")
struct PolicyFileTests {
  @Test func everyShippedFileLoads() throws {
    let files = try PolicyFiles.onDisk()
    let library = try PolicyLibrary(files: files)
    #expect(
      library.cityIDs == [
        "beijing", "changsha", "chengdu", "chongqing", "guangzhou", "hainan", "shanghai",
        "shenzhen",
      ])
    // The seven cities and the national default are all there.
    for city in ["shenzhen", "chongqing", "shanghai", "chengdu", "changsha", "beijing", "hainan"] {
      #expect(library.cities[city] != nil, "\(city)")
    }
    #expect(library.national.id == "national")
    // Every file on disk is the one embedded in the binary.
    #expect(PolicyLibrary.bundled.cityIDs == library.cityIDs)
    #expect(PolicyLibrary.bundled.sources.count == library.sources.count)
  }

  /// The registry is docs/domain.md §10 copied mechanically: spot-check three entries against the
  /// text of docs/domain.md §10.
  @Test func sourceRegistryMatchesDomain() throws {
    let sources = PolicyLibrary.bundled.sources
    #expect(sources.count == 161)  // S1–S152 and C1–C9 in docs/domain.md §10
    #expect(
      sources["S93"]
        == "evrimagaci.org/tpg/shenzhen-eases-housing-loan-rules-to-boost-market-265172")
    #expect(
      sources["S122"]
        == "redcensor.com/shenzhen-adjusts-public-housing-fund-withdrawal-ratio-for-renting-drawing-attention"
    )
    #expect(
      sources["C6"]?.hasPrefix("Public code: Chengdu 商转公 payment ≤ 50% of family income") == true)
  }

  /// Every value of every section in every file names a source or says it is unverified: the
  /// loader enforces it, and this walks the loaded values to show nothing slipped past.
  @Test func everyValueIsSourcedOrUnverified() throws {
    let library = PolicyLibrary.bundled
    var count = 0
    func check(_ c: Citation, _ place: String) {
      count += 1
      #expect(!c.sources.isEmpty || c.unverified != nil, "\(place)")
      for tag in c.sources { #expect(library.sources[tag] != nil, "\(place): \(tag)") }
    }
    for policy in [library.national] + library.cities.values {
      for set in policy.quota {
        check(set.effective.citation, set.effective.location.description)
        let q = set.rules
        for row in q.caps {
          for a in [row.amounts.single, row.amounts.family].compactMap({ $0 }) {
            check(a.citation, a.location.description)
          }
        }
        for u in q.uplifts.values { check(u.citation, u.location.description) }
        for row in q.downPayment { check(row.percent.citation, row.percent.location.description) }
        for c in [
          q.balanceMultiple?.citation, q.balanceMultipleByLoanRatio?.citation,
          q.perDepositYear?.citation, q.incomeShare?.citation, q.rounding?.citation,
        ].compactMap({ $0 }) { check(c, policy.file) }
      }
      for set in policy.rentWithdrawal {
        check(set.effective.citation, set.effective.location.description)
        for c in [set.rules.share?.citation, set.rules.minDepositMonths?.citation].compactMap({ $0 }
        ) {
          check(c, policy.file)
        }
      }
      for set in policy.conversion + [] {
        check(set.effective.citation, set.effective.location.description)
      }
      for set in policy.term { check(set.effective.citation, set.effective.location.description) }
      for set in policy.deposit {
        check(set.effective.citation, set.effective.location.description)
      }
    }
    #expect(count > 60)
  }

  // MARK: - Broken files

  @Test func typoInAKeyNamesFileLineAndKey() throws {
    let files = try PolicyFiles.edited("policies/shenzhen.yaml") {
      $0.replacingFirst("        family: {value: 1100000", with: "        famly: {value: 1100000")
    }
    let error = try #require(PolicyFiles.loadError(files))
    #expect(error.file == "policies/shenzhen.yaml")
    #expect(error.key == "quota[1].caps[0].famly")
    #expect(
      error.rule.hasPrefix("unknown key (did you mean 'family'?); allowed: when, single, family"))
    // The line of the typo: the line holding "famly" in the edited text.
    let line =
      files["policies/shenzhen.yaml"]!.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains("famly") }! + 1
    #expect(error.line == line)
    #expect(
      error.description.hasPrefix(
        "policies/shenzhen.yaml:\(line): quota[1].caps[0].famly: unknown key"))
  }

  /// One edit of a shipped file, the key path the error must name and the start of its rule.
  struct Breakage: Sendable, CustomTestStringConvertible {
    let file: String
    let from: String
    let to: String
    let key: String
    let rule: String
    var testDescription: String { "\(file): \(key)" }
  }

  @Test(arguments: [
    Breakage(
      file: "policies/chengdu.yaml", from: "    incomeShare:", to: "    incomeShar:",
      key: "conversion[0].incomeShar", rule: "unknown key (did you mean 'incomeShare'?)"),
    Breakage(
      file: "policies/chongqing.yaml", from: "single: {value: 800000, source: S72}",
      to: "single: {value: 800000}", key: "quota[1].caps[1].single",
      rule:
        "has no source: give 'source:' (docs/domain.md tags) or 'unverified:' (why there is none)"),
    Breakage(
      file: "policies/chongqing.yaml", from: "single: {value: 800000, source: S72}",
      to: "single: 800000", key: "quota[1].caps[1].single",
      rule: "must be a mapping {value: …, source: …}"),
    Breakage(
      file: "policies/shenzhen.yaml", from: "firstHome: {value: 40, source: [S93, S94]}",
      to: "firstHome: {value: 40, source: [S93, S940]}",
      key: "quota[1].uplifts.firstHome.source[1]", rule: "source 'S940' is not a docs/domain.md tag"
    ),
    Breakage(
      file: "policies/national.yaml",
      from:
        "unverified: docs/domain.md gives no rounding rule for contributions; half up to the fen assumed",
      to: "unverified: \"\"", key: "deposit[0].rounding.unverified",
      rule: "must say why the value is unverified"),
    Breakage(
      file: "policies/shenzhen.yaml", from: "share: {value: 80, source: S122}",
      to: "share: {value: 180, source: S122}", key: "rentWithdrawal[3].share.value",
      rule: "must be a percentage between 0 and 100 (got 180)"),
    Breakage(
      file: "policies/changsha.yaml", from: "{from: 80, to: 85, multiple: 15}",
      to: "{from: 79, to: 85, multiple: 15}", key: "quota[0].balanceMultipleByLoanRatio.value[2]",
      rule: "starts at 79, inside the band before (75–80%)"),
    Breakage(
      file: "policies/shenzhen.yaml", from: "      from: 2025-03-24\n",
      to: "      from: 2022-01-01\n",
      key: "quota[1].effective",
      rule: "rule sets must be in date order: this one starts 2022-01-01"),
    Breakage(
      file: "policies/beijing.yaml", from: "value: 100000", to: "value: 100000.001",
      key: "quota[1].perDepositYear.value",
      rule: "must be an amount in yuan such as 600000 or 600000.00 (got '100000.001')"),
    Breakage(
      file: "policies/guangzhou.yaml", from: "status: restricted", to: "status: limited",
      key: "conversion[0].loanRatioGate.value[1].status",
      rule: "must be one of open, restricted, suspended (got 'limited')"),
  ])
  func brokenFileFailsNamingIt(_ b: Breakage) throws {
    let files = try PolicyFiles.edited(b.file) { $0.replacingFirst(b.from, with: b.to) }
    let error = try #require(PolicyFiles.loadError(files))
    #expect(error.file == b.file)
    #expect(error.key == b.key)
    #expect(error.rule.hasPrefix(b.rule), "\(error)")
    #expect(error.line > 0)
  }

  @Test func overlappingDatesAreRejected() throws {
    let files = try PolicyFiles.edited("policies/shenzhen.yaml") {
      $0.replacingFirst("      to: 2025-03-23\n", with: "      to: 2025-04-30\n")
    }
    let error = try #require(PolicyFiles.loadError(files))
    #expect(error.file == "policies/shenzhen.yaml")
    #expect(error.key == "quota[1].effective")
    #expect(
      error.rule
        == "2025-03-24 … overlaps quota[0].effective (2023-03-24 … 2025-04-30): a rule set must end before the next starts"
    )
  }

  @Test func openEndedSetFollowedByAnotherIsRejected() throws {
    let files = try PolicyFiles.edited("policies/shenzhen.yaml") {
      $0.replacingFirst("      to: 2025-03-23\n", with: "")
    }
    let error = try #require(PolicyFiles.loadError(files))
    #expect(error.key == "quota[1].effective")
    #expect(error.rule.contains("overlaps quota[0].effective (2023-03-24 …)"))
  }

  @Test func cityMustMatchFileName() throws {
    let files = try PolicyFiles.edited("policies/hainan.yaml") {
      $0.replacingFirst("city: hainan", with: "city: haikou")
    }
    let error = try #require(PolicyFiles.loadError(files))
    #expect(
      error.description
        == "policies/hainan.yaml:5: city: must be 'hainan', the file's name (got 'haikou')")
  }

  @Test func invalidYAMLNamesTheLine() throws {
    let files = try PolicyFiles.edited("policies/changsha.yaml") {
      $0.replacingFirst(
        "        - {from: 0, to: 75, multiple: 20}",
        with: "        - {from: 0, to: 75, multiple: 20")
    }
    let error = try #require(PolicyFiles.loadError(files))
    #expect(error.file == "policies/changsha.yaml")
    #expect(error.line > 0)
    #expect(error.rule.hasPrefix("not valid YAML"))
  }

  @Test func duplicateKeyIsRejected() throws {
    let files = try PolicyFiles.edited("policies/chengdu.yaml") {
      $0.replacingFirst(
        "    maxYears: {value: 30, source: C6}",
        with: "    maxYears: {value: 30, source: C6}\n    maxYears: {value: 25, source: C6}")
    }
    let error = try #require(PolicyFiles.loadError(files))
    #expect(error.rule.contains("a key appears twice in one mapping: maxYears"))
  }

}
