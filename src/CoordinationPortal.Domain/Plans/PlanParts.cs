using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Plans;

/// <summary>One numbered purpose or requirement of section I ("Mục đích, yêu cầu").</summary>
public sealed class PlanPurpose
{
    public const int MaxTextLength = 2000;

    internal PlanPurpose(int number, string text)
    {
        Number = number;
        Text = Guard.Text(text, MaxTextLength, "Purpose");
    }

    public int Number { get; private set; }

    public string Text { get; private set; }

    internal void Reword(string text) => Text = Guard.Text(text, MaxTextLength, "Purpose");
}

/// <summary>One duty of one agency in section IV ("Tổ chức thực hiện").</summary>
public sealed class AgencyDuty
{
    public const int MaxTextLength = 2000;

    internal AgencyDuty(int agencyId, int number, string text)
    {
        AgencyId = agencyId > 0 ? agencyId : throw new DomainRuleException("A duty needs a saved agency.");
        Number = number;
        Text = Guard.Text(text, MaxTextLength, "Duty");
    }

    public int AgencyId { get; private set; }

    /// <summary>Position within section IV, from 1.</summary>
    public int Number { get; private set; }

    public string Text { get; private set; }

    internal void Revise(int agencyId, string text)
    {
        AgencyId = agencyId > 0 ? agencyId : throw new DomainRuleException("A duty needs a saved agency.");
        Text = Guard.Text(text, MaxTextLength, "Duty");
    }
}

/// <summary>A signature block at the foot of the plan, as printed.</summary>
public sealed class Signatory
{
    public const int MaxLineLength = 200;

    internal Signatory(int number, int agencyId, string agencyHeading, string? authorityLine, string titleLine, string fullName)
    {
        Number = number;
        AgencyId = agencyId > 0 ? agencyId : throw new DomainRuleException("A signatory needs a saved agency.");
        AgencyHeading = Guard.Text(agencyHeading, MaxLineLength, "Agency heading");
        AuthorityLine = Guard.OptionalText(authorityLine, MaxLineLength, "Authority line");
        TitleLine = Guard.Text(titleLine, MaxLineLength, "Title line");
        FullName = Guard.Text(fullName, MaxLineLength, "Signatory name");
    }

    public int Number { get; private set; }

    public int AgencyId { get; private set; }

    /// <summary>"ỦY BAN DÂN TỘC".</summary>
    public string AgencyHeading { get; private set; }

    /// <summary>"KT. BỘ TRƯỞNG, CHỦ NHIỆM" or "TM. ĐOÀN CHỦ TỊCH": on whose behalf the person signs.</summary>
    public string? AuthorityLine { get; private set; }

    /// <summary>"THỨ TRƯỞNG, PHÓ CHỦ NHIỆM".</summary>
    public string TitleLine { get; private set; }

    public string FullName { get; private set; }

    internal void Revise(int agencyId, string agencyHeading, string? authorityLine, string titleLine, string fullName)
    {
        AgencyId = agencyId > 0 ? agencyId : throw new DomainRuleException("A signatory needs a saved agency.");
        AgencyHeading = Guard.Text(agencyHeading, MaxLineLength, "Agency heading");
        AuthorityLine = Guard.OptionalText(authorityLine, MaxLineLength, "Authority line");
        TitleLine = Guard.Text(titleLine, MaxLineLength, "Title line");
        FullName = Guard.Text(fullName, MaxLineLength, "Signatory name");
    }
}

/// <summary>One line of "Nơi nhận": who receives the plan.</summary>
public sealed class PlanRecipient
{
    public const int MaxTextLength = 500;

    internal PlanRecipient(int number, string text)
    {
        Number = number;
        Text = Guard.Text(text, MaxTextLength, "Recipient");
    }

    public int Number { get; private set; }

    public string Text { get; private set; }

    internal void Reword(string text) => Text = Guard.Text(text, MaxTextLength, "Recipient");
}
