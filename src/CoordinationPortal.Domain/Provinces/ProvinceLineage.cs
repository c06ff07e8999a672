namespace CoordinationPortal.Domain.Provinces;

/// <summary>
/// The 63 -> 34 history as a lookup: which unit a past unit lives on in today, and which units a
/// unit took in. Built from the provinces' successor links; used to roll history up "theo địa giới
/// hiện nay" (Hà Giang's 2024 reports count for Tuyên Quang) and to let a merged unit's officers
/// read their predecessors' reports.
/// </summary>
public sealed class ProvinceLineage
{
    private readonly Dictionary<int, int?> _successorOf;
    private readonly ILookup<int, int> _predecessorsOf;

    public ProvinceLineage(IEnumerable<(int Id, int? SuccessorId)> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        _successorOf = links.ToDictionary(l => l.Id, l => l.SuccessorId);
        _predecessorsOf = _successorOf.Where(l => l.Value is not null).ToLookup(l => l.Value!.Value, l => l.Key);
    }

    /// <summary>The unit that carries <paramref name="provinceId"/> on today: itself, or its last successor.</summary>
    public int CurrentUnitOf(int provinceId)
    {
        var current = provinceId;
        for (var guard = 0; guard < 16 && _successorOf.GetValueOrDefault(current) is { } next; guard++)
        {
            current = next;
        }

        return current;
    }

    /// <summary>Every unit that merged into <paramref name="provinceId"/>, directly or through others.</summary>
    public IReadOnlyList<int> AllPredecessorsOf(int provinceId)
    {
        var found = new List<int>();
        var queue = new Queue<int>(_predecessorsOf[provinceId]);
        while (queue.Count > 0 && found.Count < 256)
        {
            var next = queue.Dequeue();
            found.Add(next);
            foreach (var earlier in _predecessorsOf[next])
            {
                queue.Enqueue(earlier);
            }
        }

        return found;
    }

    public IReadOnlyList<int> DirectPredecessorsOf(int provinceId) => [.. _predecessorsOf[provinceId]];

    public int? SuccessorOf(int provinceId) => _successorOf.GetValueOrDefault(provinceId);
}
