using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace HumanEval.Core.Import;

/// <summary>
/// Import files are UTF-8 (a leading byte-order mark is allowed and ignored). A decoder that replaces bad bytes would
/// turn a Latin-1 "Café" into "Caf�" and import it silently, so every file is checked byte by byte first: each line
/// holding an invalid sequence is reported once, with the byte offset (0-based, from the start of the file, BOM
/// included) of its first bad byte. Lines are physical lines (counted by '\n'), as in the other import errors.
/// </summary>
public static class Utf8Check
{
    public const string Field = "(encoding)";

    private const int ChunkBytes = 1 << 16;

    /// <summary>Scans the stream to its end; an empty list means the whole stream is valid UTF-8.</summary>
    public static IReadOnlyList<ImportError> Scan(Stream stream, int maxErrors = ExampleFile.MaxErrorsListed)
    {
        var errors = new List<ImportError>();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes + 4);
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes + 4);
        try
        {
            long fileOffset = 0; // offset of buffer[0] in the file
            var line = 1;
            var lastErrorLine = 0;
            var carried = 0; // bytes of an incomplete sequence kept from the previous chunk
            while (true)
            {
                var read = stream.ReadAtLeast(buffer.AsSpan(carried, ChunkBytes), ChunkBytes, throwOnEndOfStream: false);
                var length = carried + read;
                var final = read < ChunkBytes;
                var position = 0;
                while (position < length)
                {
                    var span = buffer.AsSpan(position, length - position);
                    var status = Utf8.ToUtf16(span, chars, out var bytesRead, out _, replaceInvalidSequences: false, isFinalBlock: final);
                    line += span[..bytesRead].Count((byte)'\n');
                    position += bytesRead;
                    if (status == OperationStatus.InvalidData)
                    {
                        if (line != lastErrorLine)
                        {
                            if (errors.Count >= maxErrors)
                            {
                                return errors;
                            }

                            errors.Add(new ImportError(line, Field, Message(fileOffset + position, buffer[position])));
                            lastErrorLine = line;
                        }

                        position++; // an invalid byte is never '\n' (ASCII is valid), so the line count holds
                    }
                    else if (status == OperationStatus.NeedMoreData)
                    {
                        break;
                    }
                }

                if (final)
                {
                    return errors;
                }

                carried = length - position;
                buffer.AsSpan(position, carried).CopyTo(buffer);
                fileOffset += position;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Checks the file, then opens it for reading as UTF-8 (BOM skipped), or returns the encoding errors.</summary>
    public static T ReadFile<T>(string path, Func<TextReader, T> read, Func<IReadOnlyList<ImportError>, T> invalid)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var errors = Scan(stream);
        if (errors.Count > 0)
        {
            return invalid(errors);
        }

        stream.Position = 0;
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }

        return read(reader);
    }

    private static string Message(long offset, byte value) =>
        $"byte offset {offset:N0} (0x{value:X2}) is not valid UTF-8; save the file as UTF-8 (a byte-order mark is fine) and import it again";
}
