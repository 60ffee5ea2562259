// Lines of a text file or string, as byte ranges, read in blocks: no String per line.
import Foundation

package enum _LineReader {
  /// Calls `body(bytes, count, lineNumber)` for every line of the file at `path` (without its
  /// `\n` or `\r\n`; a leading byte-order mark is dropped), reading 1 MiB at a time.
  ///
  /// - Throws: the message of a file that cannot be opened or read, or what `body` throws.
  package static func lines<E: Error>(
    path: String, _ body: (UnsafePointer<UInt8>, Int, Int) throws(E) -> Void
  ) throws(_LineFailure<E>) {
    guard let file = fopen(path, "rb") else {
      throw .io("cannot open \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var carry: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var number = 0
    var first = true
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, file) }
      if n == 0 && ferror(file) != 0 { throw .io("cannot read \(path)") }
      carry.append(contentsOf: chunk[0..<n])
      let atEnd = n == 0
      var used = 0
      do throws(E) {
        try carry.withUnsafeBufferPointer { (buffer) throws(E) -> Void in
          used = try split(buffer, final: atEnd, first: first, number: &number, body)
        }
      } catch { throw .body(error) }
      first = false
      carry.removeFirst(used)
      if atEnd { return }
    }
  }

  /// The same over text in memory.
  package static func lines<E: Error>(
    text: String, _ body: (UnsafePointer<UInt8>, Int, Int) throws(E) -> Void
  ) throws(E) {
    var copy = text
    var number = 0
    var failure: E? = nil
    copy.withUTF8 { buffer in
      do throws(E) {
        _ = try split(buffer, final: true, first: true, number: &number, body)
      } catch { failure = error }
    }
    if let failure { throw failure }
  }

  /// Splits the complete lines of `buffer` (all of it when `final`); returns the bytes used.
  package static func split<E: Error>(
    _ buffer: UnsafeBufferPointer<UInt8>, final: Bool, first: Bool, number: inout Int,
    _ body: (UnsafePointer<UInt8>, Int, Int) throws(E) -> Void
  ) throws(E) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    var from = 0
    if first && buffer.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
      from = 3
    }
    while from < buffer.count {
      var end = from
      while end < buffer.count && base[end] != 0x0A { end += 1 }
      if end == buffer.count && !final { break }
      let next = end + 1
      if end > from && base[end - 1] == 0x0D { end -= 1 }
      number += 1
      try body(base + from, end - from, number)
      from = next
    }
    return min(from, buffer.count)
  }
}

/// A file that cannot be read, or the error of the code reading its lines.
package enum _LineFailure<E: Error>: Error {
  case io(String)
  case body(E)
}
