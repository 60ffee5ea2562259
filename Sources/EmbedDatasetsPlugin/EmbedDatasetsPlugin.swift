// Embeds the reference data a module needs from the package's `datasets/` folder, at build time.
//
// `datasets/` is the only copy anyone edits; this plugin turns the files a target needs into a
// generated Swift source (`EmbeddedDatasets.swift`) so the `gjj` binary carries them and works
// from any directory.
import Foundation
import PackagePlugin

@main
struct EmbedDatasetsPlugin: BuildToolPlugin {
  /// Which `datasets/` subfolders each target embeds.
  static let folders: [String: [String]] = [
    "ProvidentCore": ["rates"],
    "ProvidentPolicy": ["policies"],
  ]

  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    guard let folders = Self.folders[target.name] else { return [] }
    let root = context.package.directoryURL.appending(path: "datasets")
    var inputs: [URL] = []
    for folder in folders {
      let dir = root.appending(path: folder)
      let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" {
        inputs.append(dir.appending(path: name))
      }
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDatasets.swift")
    let tool = try context.tool(named: "embed-datasets")
    return [
      .buildCommand(
        displayName: "Embedding datasets/\(folders.joined(separator: ", ")) into \(target.name)",
        executable: tool.url,
        arguments: [root.path, output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }
}
