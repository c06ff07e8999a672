using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>One page of an ordered query, with the total; an out-of-range page number is pulled back in range.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Rows, int Total, int Page, int PageCount);

public static class Paging
{
    public static async Task<PageOf<T>> ToPageAsync<T>(this IQueryable<T> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PageOf<T>(rows, total, page, pageCount);
    }
}
