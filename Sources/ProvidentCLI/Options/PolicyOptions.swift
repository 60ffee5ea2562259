// Options shared by the city-rule commands (quota, convert, deposit, withdraw, policy): parsing,
// the rules in force, and library errors turned into one-line messages naming the option.
import ArgumentParser
import ProvidentCore
import ProvidentPolicy

/// The applicant and home options of a quota trial (`gjj quota`, and `gjj convert --city`).
struct QuotaInputs: ParsableArguments {
  @Option(parsing: .unconditional, help: "Price of the home in yuan (3000000 or 300万).")
  var price: String?

  @Option(parsing: .unconditional, help: "The applicant's provident account balance in yuan.")
  var balance: String?

  @Option(
    parsing: .unconditional,
    help: "The co-applicant's (spouse's) balance; given, the household borrows as a family.")
  var coBalance: String?

  @Option(parsing: .unconditional, help: "The household's monthly income in yuan.")
  var monthlyIncome: String?

  @Option(parsing: .unconditional, help: "Installments of other debts paid each month, in yuan.")
  var monthlyDebt: String?

  @Option(help: "The applicant's birth date yyyy-mm-dd (statutory retirement age, 2025 reform).")
  var birth: String?

  @Option(help: "male or female.")
  var sex: String?

  @Option(help: "Women: cadre (55 → 58) or worker (50 → 55); sets the retirement age.")
  var occupation: String?

  @Flag(help: "A first home (首套): first-home uplifts and rates.")
  var firstHome = false

  @Flag(help: "A multi-child family (多孩家庭).")
  var multiChild = false

  @Flag(help: "A green building (绿色建筑).")
  var greenBuilding = false

  @Flag(help: "A resale (existing) home (二手房).")
  var resale = false

  @Option(help: "A resale home's building age in years (Shanghai's term depends on it).")
  var buildingAge: String?

  @Option(
    parsing: .unconditional,
    help: "The fund's loan ratio 个贷率 in percent (Changsha's multiple and 商转公 gates depend on it).")
  var loanRatio: String?

  @Option(help: "Years of contributions (Beijing grants an amount per year).")
  var depositYears: String?

  /// Whether an option only a quota trial uses was given (`--price` and `--loan-ratio` serve a
  /// conversion too), so `gjj convert --quota` can refuse to ignore it.
  var trialOnlyOptionsGiven: Bool {
    [
      balance, coBalance, monthlyIncome, monthlyDebt, birth, sex, occupation, buildingAge,
      depositYears,
    ].contains { $0 != nil } || firstHome || multiChild || greenBuilding || resale
  }

  func request(on date: LocalDate) throws -> QuotaRequest {
    func required(_ value: String?, _ option: String, _ why: String) throws -> String {
      guard let value else { throw InputError("\(option) is required (\(why))") }
      return value
    }
    let balance = try PolicyArgs.money(
      try required(self.balance, "--balance", "the account balance"), option: "--balance")
    let income = try PolicyArgs.money(
      try required(monthlyIncome, "--monthly-income", "for the repayment capacity"),
      option: "--monthly-income")
    let birth = try PolicyArgs.date(
      try required(self.birth, "--birth", "the term depends on the retirement age"),
      option: "--birth")
    return QuotaRequest(
      date: date, price: try price.map { try PolicyArgs.money($0, option: "--price") },
      balance: balance,
      coBalance: try coBalance.map { try PolicyArgs.money($0, option: "--co-balance") },
      monthlyIncome: income,
      monthlyDebt: try monthlyDebt.map { try PolicyArgs.money($0, option: "--monthly-debt") }
        ?? .zero,
      birth: birth, group: try group(),
      facts: HomeFacts(
        firstHome: firstHome, multiChild: multiChild, greenBuilding: greenBuilding, resale: resale),
      loanRatio: try loanRatio.map { try PolicyArgs.percent($0, option: "--loan-ratio") },
      depositYears: try depositYears.map { try PolicyArgs.integer($0, option: "--deposit-years") },
      buildingAge: try buildingAge.map { try PolicyArgs.integer($0, option: "--building-age") })
  }

  func group() throws -> RetirementGroup {
    switch sex {
    case "male":
      if let occupation {
        throw InputError(
          "--occupation applies to --sex female (got --occupation \(occupation) with --sex male)")
      }
      return .man
    case "female":
      switch occupation {
      case "cadre": return .womanCadre
      case "worker": return .womanWorker
      case nil:
        throw InputError(
          "--sex female needs --occupation cadre or worker: women's statutory retirement age is 55 for cadres and 50 for workers, rising under the 2025 reform [S110]"
        )
      case let other?: throw InputError("--occupation must be cadre or worker (got '\(other)')")
      }
    case nil:
      throw InputError("--sex is required (male or female): it sets the statutory retirement age")
    case let other?: throw InputError("--sex must be male or female (got '\(other)')")
    }
  }
}

/// Parsing helpers and error mapping for the city-rule commands.
enum PolicyArgs {
  static func money(_ text: String, option: String) throws -> Money {
    try LoanOptions.money(text, option: option)
  }

  static func date(_ text: String, option: String) throws -> LocalDate {
    try LoanOptions.date(text, option: option)
  }

  static func rate(_ text: String, option: String) throws -> AnnualRate {
    try LoanOptions.rate(text, option: option)
  }

  static func percent(_ text: String, option: String) throws -> Percent {
    do { return try Percent(parsing: text) } catch {
      switch error {
      case .tooManyDecimals:
        throw InputError("\(option) must have at most 2 decimal places (got \(text))")
      case .notANumber, .outOfRange:
        throw InputError("\(option) must be a percentage such as 12 or 7.5 (got '\(text)')")
      }
    }
  }

  static func integer(_ text: String, option: String) throws -> Int {
    guard let value = Int(text) else {
      throw InputError("\(option) must be a whole number (got '\(text)')")
    }
    return value
  }

  static func yesNo(_ text: String?, option: String) throws -> Bool? {
    switch text {
    case nil: return nil
    case "yes": return true
    case "no": return false
    case let other?: throw InputError("\(option) must be yes or no (got '\(other)')")
    }
  }

  /// The rules in force in `city` on `on`; both options are required.
  static func rules(city: String?, on: String?) throws -> RulesInForce {
    guard let city else {
      throw InputError(
        "--city is required (one of \(PolicyLibrary.bundled.cityIDs.joined(separator: ", ")))")
    }
    guard let on else {
      throw InputError("--on is required: the date whose rules apply (yyyy-mm-dd)")
    }
    let date = try date(on, option: "--on")
    do {
      return try PolicyLibrary.bundled.rules(city: city, on: date)
    } catch {
      throw inputError(.lookup(error))
    }
  }

  /// Runs a policy calculation, its errors as one-line messages naming the option.
  static func run<T>(_ calculation: () throws(PolicyError) -> T) throws -> T {
    do { return try calculation() } catch { throw inputError(error) }
  }

  /// A library error as a one-line message naming the option.
  static func inputError(_ error: PolicyError) -> InputError {
    switch error {
    case .input(let e): InputError(e.message(calling: option(e.field)))
    case .lookup(.unknownCity(let id, let known, let suggestion)):
      InputError(
        "--city '\(id)' is not on file" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
          + "; cities: \(known.joined(separator: ", "))")
    case .lookup(let e): InputError("--on: \(e)")
    }
  }

  static func option(_ field: PolicyField) -> String {
    switch field {
    case .date: "--on"
    case .price: "--price"
    case .appraisedPrice: "--appraised-price"
    case .balance, .openingBalance: "--balance"
    case .coBalance: "--co-balance"
    case .monthlyIncome: "--monthly-income"
    case .monthlyDebt: "--monthly-debt"
    case .birth: "--birth"
    case .group: "--sex"
    case .loanRatio: "--loan-ratio"
    case .depositYears: "--deposit-years"
    case .buildingAge: "--building-age"
    case .providentRate: "--provident-rate"
    case .requestedMonths, .remainingMonths: "--remaining-months"
    case .commercialBalance: "--commercial-balance"
    case .commercialRate: "--commercial-rate"
    case .quota: "--quota"
    case .fees: "--fees"
    case .bridgeRate: "--bridge-rate"
    case .bridgeDays: "--bridge-days"
    case .monthsRepaid: "--months-repaid"
    case .overduePeriods: "--overdue-periods"
    case .wage: "--wage"
    case .averageWage: "--average-wage"
    case .employeeRatio: "--employee-ratio"
    case .employerRatio: "--employer-ratio"
    case .years: "--years"
    case .monthlyDeposit: "--monthly-deposit"
    case .depositMonths: "--deposit-months"
    case .rent: "--rent"
    }
  }
}
