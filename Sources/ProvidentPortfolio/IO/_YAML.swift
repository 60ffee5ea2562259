// Reading YAML nodes (scenario, factor, link, delinquency and liquidity files) with messages that
// name the line, the key path, the value and the rule.
import ProvidentCore
package import Yams

/// Reading values out of YAML nodes with messages that name where they are.
package enum _YAML {
  /// The document's root node; `what` names the file in messages ("the scenario file").
  package static func compose(_ yaml: String, _ what: String) throws(ScenarioError) -> Node {
    do {
      guard let node = try Yams.compose(yaml: yaml) else {
        throw ScenarioError(line: nil, message: "\(what) is empty")
      }
      return node
    } catch let error as ScenarioError {
      throw error
    } catch {
      let text = String(describing: error).split(separator: "\n").first.map(String.init) ?? ""
      throw ScenarioError(line: nil, message: "\(what) is not valid YAML: \(text)")
    }
  }

  package static func error(_ node: Node, _ message: String) -> ScenarioError {
    ScenarioError(line: node.mark?.line, message: message)
  }

  package static func scalar(_ node: Node, _ path: String) throws(ScenarioError) -> String {
    guard case .scalar(let s) = node else { throw error(node, "\(path) must be a single value") }
    return s.string
  }

  package static func mapping(_ node: Node, _ path: String, allowed: [String]) throws(ScenarioError)
    -> [String: Node]
  {
    guard case .mapping(let m) = node else {
      throw error(node, "\(path) must be a mapping of \(allowed.joined(separator: ", "))")
    }
    var out: [String: Node] = [:]
    for (k, v) in m {
      let key = try scalar(k, path)
      guard allowed.contains(key) else {
        throw error(
          k, "\(path) has an unknown key '\(key)'; the keys are \(allowed.joined(separator: ", "))")
      }
      out[key] = v
    }
    return out
  }

  package static func date(_ node: Node, _ path: String) throws(ScenarioError) -> LocalDate {
    let text = try scalar(node, path)
    do { return try LocalDate(parsing: text) } catch {
      throw self.error(node, "\(path) \(error.description)")
    }
  }

  package static func integer(_ node: Node, _ path: String, in range: ClosedRange<Int>)
    throws(ScenarioError)
    -> Int
  {
    let text = try scalar(node, path)
    guard let v = Int(text), range.contains(v) else {
      throw error(
        node,
        "\(path) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(text))"
      )
    }
    return v
  }

  /// A fraction in [0, 1], written `0.06` or `6%`.
  package static func fraction(_ node: Node, _ path: String) throws(ScenarioError) -> Double {
    let text = try scalar(node, path).trimmingSpaces()
    guard let (value, percent) = _fractionText(text) else {
      throw error(node, "\(path) must be a number such as 0.06 or 6% (got \(text))")
    }
    guard value >= 0 && value <= 1 else {
      throw error(
        node,
        "\(path) must be a fraction between 0 and 1 or a percent such as 6% (got \(text))"
          + (percent ? "" : "; write 6% or 0.06 for six percent"))
    }
    return value
  }

  /// A multiplier `k ≥ 0`, at most 100.
  package static func multiplier(_ node: Node, _ path: String) throws(ScenarioError) -> Double {
    let text = try scalar(node, path)
    guard let v = Double(text), v.isFinite, v >= 0, v <= 100 else {
      throw error(node, "\(path) must be a multiplier from 0 to 100 such as 1.5 (got \(text))")
    }
    return v
  }
  /// The file's `scenarios:` list, each read by `read` and named uniquely.
  package static func scenarios<T>(
    _ list: Node?, _ root: Node, read: (Node, String) throws(ScenarioError) -> T,
    name: (T) -> String
  ) throws(ScenarioError) -> [T] {
    guard let list else { throw error(root, "the file needs a 'scenarios' list") }
    guard case .sequence(let items) = list, !items.isEmpty else {
      throw error(list, "scenarios must be a list of at least one scenario")
    }
    var names = Set<String>()
    var result: [T] = []
    for (i, item) in items.enumerated() {
      let scenario = try read(item, "scenarios[\(i)]")
      guard names.insert(name(scenario)).inserted else {
        throw error(item, "scenarios[\(i)].name '\(name(scenario))' is used twice")
      }
      result.append(scenario)
    }
    return result
  }

  /// A scenario's name: one line without commas.
  package static func name(_ node: Node?, _ owner: Node, _ path: String) throws(ScenarioError)
    -> String
  {
    guard let node else { throw error(owner, "\(path) needs a name") }
    let name = try scalar(node, "\(path).name")
    guard !name.isEmpty, !name.contains(where: { $0 == "\n" || $0 == "," }) else {
      throw error(node, "\(path).name must be one line without commas (got '\(name)')")
    }
    return name
  }

  package static func bool(_ node: Node, _ path: String) throws(ScenarioError) -> Bool {
    switch try scalar(node, path) {
    case "true", "yes": return true
    case "false", "no": return false
    case let other: throw error(node, "\(path) must be true or false (got \(other))")
    }
  }
  /// A finite number; `node` nil (missing) is an error at `parent`.
  package static func number(_ node: Node?, _ parent: Node, _ path: String) throws(ScenarioError)
    -> Double
  {
    guard let node else { throw error(parent, "\(path) is missing") }
    let text = try scalar(node, path)
    guard let v = Double(text.trimmingSpaces()), v.isFinite else {
      throw error(node, "\(path) must be a number (got '\(text)')")
    }
    return v
  }

  /// Letters, digits, `_` and `-`.
  package static func isKey(_ text: String) -> Bool {
    !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || $0 == "_" || $0 == "-"
      }
  }
}

/// A number written as a fraction (`0.06`) or a percent (`6%`), spaces around it allowed: its value
/// as a fraction and whether it was written as a percent; nil when it is not a finite number. The
/// callers judge the range and word their errors (options and scenario files).
package func _fractionText(_ text: String) -> (value: Double, percent: Bool)? {
  var body = Substring(text.trimmingSpaces())
  let percent = body.hasSuffix("%")
  if percent { body.removeLast() }
  guard let v = Double(body), v.isFinite else { return nil }
  return (percent ? v / 100 : v, percent)
}
