using System.Collections.Frozen;

namespace GridService.Core.Templates;

/// <summary>Who reads a rendered message.</summary>
public enum TemplateAudience
{
    /// <summary>Posted in a group: personal data only through a mask function.</summary>
    Group,

    /// <summary>Sent to the customer alone: may show amounts and the full account.</summary>
    Private,

    /// <summary>Sent to the area manager or staff.</summary>
    Staff,
}

/// <summary>One notice kind: its template file (<c>{Name}.scriban</c>), model type and audience.</summary>
/// <param name="Name">Kind name, also the file name without extension.</param>
/// <param name="ModelType">The model record a render takes.</param>
/// <param name="Audience">Who reads it.</param>
/// <param name="Required">Variables that must be present (not null, not blank) for this kind.</param>
public sealed record TemplateKind(string Name, Type ModelType, TemplateAudience Audience, IReadOnlyList<string> Required)
{
    /// <summary>The template variable names of this kind, in declaration order.</summary>
    public IEnumerable<string> Variables => Shape.Members.Select(m => m.Name);

    internal ModelShape Shape { get; } = ModelShape.Of(ModelType);
}

/// <summary>Every notice kind the Notifier renders; each needs a template and a sample.</summary>
public static class TemplateKinds
{
    private static readonly string[] OutageTimes = ["scope", "start_time", "end_time", "reason"];
    private static readonly string[] Bill = ["customer_name", "account_no", "period", "outstanding", "due_on"];

    /// <summary>All kinds, in the order the README lists them.</summary>
    public static IReadOnlyList<TemplateKind> All { get; } =
    [
        Group<OutageModel>("planned-outage", OutageTimes),
        Group<OutageModel>("planned-outage-reminder", OutageTimes),
        Group<OutageModel>("temporary-maintenance", OutageTimes),
        Group<OutageModel>("fault-outage", OutageTimes),
        Group<OutageModel>("restoration", "scope", "restored_at"),
        Group<OutageModel>("outage-amended", [.. OutageTimes, "previous_start_time", "previous_end_time", "change_reason"]),
        Group<OutageModel>("outage-cancelled", [.. OutageTimes, "change_reason"]),
        Private<BillingModel>("bill-issued", [.. Bill, "amount"]),
        Private<BillingModel>("reminder-1", Bill),
        Private<BillingModel>("reminder-2", Bill),
        Private<BillingModel>("reminder-3", Bill),
        Private<BillingModel>("arrears-disconnection", [.. Bill, "disconnect_at"]),
        Private<BillingModel>("reconnection", "customer_name", "account_no", "reconnected_at"),
        Group<WorkOrderModel>("workorder-created", "order_no", "type_name", "question", "deadline"),
        Group<WorkOrderModel>("workorder-updated", "order_no", "progress"),
        Group<WorkOrderModel>("workorder-resolved", "order_no", "question", "resolution"),
        Group<WorkOrderModel>("workorder-overdue", "order_no", "delay_reason", "new_deadline"),
        Staff<WorkOrderModel>("workorder-manager-alert", "order_no", "type_name", "question", "deadline"),
        Staff<DigestModel>("manager-daily-digest", "date"),
    ];

    private static readonly FrozenDictionary<string, TemplateKind> ByName =
        All.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Finds a kind by name.</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TemplateKind? kind) =>
        ByName.TryGetValue(name, out kind);

    private static TemplateKind Group<T>(string name, params string[] required) where T : TemplateModel =>
        new(name, typeof(T), TemplateAudience.Group, required);

    private static TemplateKind Private<T>(string name, params string[] required) where T : TemplateModel =>
        new(name, typeof(T), TemplateAudience.Private, required);

    private static TemplateKind Staff<T>(string name, params string[] required) where T : TemplateModel =>
        new(name, typeof(T), TemplateAudience.Staff, required);
}
