using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sla.Core.Json;

/// <summary>Writes documents as indented UTF-8 JSON text, leaving non-ASCII names readable.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
