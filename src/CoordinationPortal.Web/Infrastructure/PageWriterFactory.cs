using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// The writer a rendered view is copied into on its way to the response, with room for a whole
/// page. MVC's default holds 16K characters and writes to the response each time it fills: the
/// report form (about 58 KB) left as four chunks, each a write into Kestrel's pipe and a TLS record
/// of its own, about a tenth of the form's CPU. With 64K characters a page of ordinary size leaves
/// in one write; the dashboard (about 200 KB) in four instead of thirteen. The buffers are pooled,
/// as MVC's are.
/// </summary>
public sealed class PageWriterFactory : IHttpResponseStreamWriterFactory
{
    /// <summary>Characters buffered before a write to the response.</summary>
    public const int BufferSize = 64 * 1024;

    public TextWriter CreateWriter(Stream stream, Encoding encoding) =>
        new HttpResponseStreamWriter(stream, encoding, BufferSize, ArrayPool<byte>.Shared, ArrayPool<char>.Shared);
}
