namespace CoordinationPortal.Data.Auditing;

/// <summary>Marks bookkeeping rows the audit trail leaves out: they record how the app works, not anyone's decision.</summary>
public interface IUnaudited;
