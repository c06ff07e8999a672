using System.Collections.ObjectModel;
using CoordinationPortal.Domain.Progress;

namespace CoordinationPortal.Domain.Reporting;

/// <summary>
/// A report as it was sent at one submission (ADR 0035): the lines' content, frozen, so a reviewer
/// of a resubmitted report sees what changed since the previous one. Written by
/// <see cref="QuarterlyReport.Submit"/>, in the same save as the submission; never changed after.
/// </summary>
public sealed class ReportSubmission
{
    internal ReportSubmission(int step, DateTime atUtc, IList<SubmittedLine> lines)
    {
        Step = step;
        AtUtc = atUtc;
        Lines = new SubmittedLines(lines);
    }

    private ReportSubmission()
    {
        Lines = new SubmittedLines([]);
    }

    public int ReportId { get; private set; }

    /// <summary>The submission's step in the report's history (<see cref="ReportTransition.Number"/>).</summary>
    public int Step { get; private set; }

    public DateTime AtUtc { get; private set; }

    public SubmittedLines Lines { get; private set; }
}

/// <summary>The lines of one submission. Printed, it says only how many: the audit trail records that a snapshot was kept, not its text (the lines' own changes are audited).</summary>
public sealed class SubmittedLines(IList<SubmittedLine> lines) : ReadOnlyCollection<SubmittedLine>(lines)
{
    public override string ToString() => $"{Count} lines";
}

/// <summary>One line as sent: what the province wrote about an activity at that submission.</summary>
public sealed record SubmittedLine(int ActivityId, ActivityStatus? Status, string? Results, string? Difficulties, string? Proposals, IReadOnlyList<SubmittedValue> Values, string? NoResultsReason = null)
{
    internal static SubmittedLine Of(ReportLine line) =>
        new(line.ActivityId, line.Status, line.Results, line.Difficulties, line.Proposals, [.. line.Values.OrderBy(v => v.IndicatorId).Select(v => new SubmittedValue(v.IndicatorId, v.Value))], line.NoResultsReason);
}

/// <summary>An indicator's value as sent.</summary>
public sealed record SubmittedValue(int IndicatorId, long Value);
