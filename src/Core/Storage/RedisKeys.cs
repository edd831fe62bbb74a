namespace GridService.Core.Storage;

/// <summary>
/// Every key the product uses, in one place. Keys that one script or transaction touches together share a hash tag
/// (<c>{...}</c>) so the same code runs on Redis Cluster.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    /// <summary>The prefix all keys start with.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Keys of one reliable queue; they share the hash tag <c>{q:name}</c>.</summary>
    public QueueKeys Queue(string name) => new($"{Prefix}:{{q:{name}}}");

    /// <summary>Pub/sub channel that wakes consumers of a queue.</summary>
    public string QueueWake(string name) => $"{Prefix}:wake:{name}";

    // Reference data (entity hashes and their indexes) shares the hash tag {ref}: saving a customer writes the
    // entity, its group and area sets and its chat binding in one transaction, which a cluster allows only in one slot.

    /// <summary>Entity hash: id → JSON (areas, staff, groups, customers, notices).</summary>
    public string Entities(string kind) => $"{Prefix}:{{ref}}:{kind}";

    /// <summary>Entity hash of areas.</summary>
    public string Areas => Entities("areas");

    /// <summary>Entity hash of staff.</summary>
    public string Staff => Entities("staff");

    /// <summary>Entity hash of chat groups.</summary>
    public string Groups => Entities("groups");

    /// <summary>Entity hash of customers, keyed by account number.</summary>
    public string Customers => Entities("customers");

    /// <summary>Entity hash of outage notices.</summary>
    public string Notices => Entities("notices");

    /// <summary>Set of group ids of an area.</summary>
    public string AreaGroups(string areaId) => $"{Prefix}:{{ref}}:area-groups:{areaId}";

    /// <summary>Set of customer account numbers of an area.</summary>
    public string AreaCustomers(string areaId) => $"{Prefix}:{{ref}}:area-customers:{areaId}";

    /// <summary>Set of customer account numbers in a group.</summary>
    public string GroupCustomers(string groupId) => $"{Prefix}:{{ref}}:group-customers:{groupId}";

    /// <summary>Hash: chat user id → account number, for bound customers.</summary>
    public string ChatBindings => $"{Prefix}:{{ref}}:chat-bindings";

    /// <summary>Hash of one billing period: account number → bill JSON.</summary>
    public string Bills(string period) => $"{Prefix}:bills:{period}";

    /// <summary>Sorted set of notice ids of an area, scored by the notice's end (Unix ms).</summary>
    public string AreaNotices(string areaId) => $"{Prefix}:{{ref}}:area-notices:{areaId}";

    /// <summary>Idempotency marker (SET NX EX) for one scope and id.</summary>
    public string Once(string scope, string id) => $"{Prefix}:once:{scope}:{id}";

    /// <summary>A group's transcript: the log list (seq = index + 1) and the ids already in it share a hash tag.</summary>
    public (string Log, string Ids) Transcript(string groupId) =>
        ($"{Prefix}:{{tr:{groupId}}}:log", $"{Prefix}:{{tr:{groupId}}}:ids");

    /// <summary>Per-group settings (bot on/off and the like).</summary>
    public string GroupSettings(string groupId) => $"{Prefix}:group-settings:{groupId}";

    /// <summary>List of an area's missed questions, newest first.</summary>
    public string Misses(string areaId) => $"{Prefix}:misses:{areaId}";

    /// <summary>Set of areas that have misses.</summary>
    public string MissAreas => $"{Prefix}:miss-areas";

    /// <summary>Hash of one WeCom AI bot response_url (by its SHA-256): when it was received and which reply used it.</summary>
    public string AiBotReplyUrl(string urlHash) => $"{Prefix}:aibot-reply:{urlHash}";

    /// <summary>Marker that sample data was loaded.</summary>
    public string SeededMarker => $"{Prefix}:seeded";

    /// <summary>
    /// Work-order keys. They share the hash tag <c>{wo}</c>: opening an order claims the inbound message, bumps the
    /// day's counter and writes the order, its indexes and its incident in one script. A county's orders (hundreds a
    /// day) fit one slot comfortably.
    /// </summary>
    public WorkOrderKeys WorkOrders => new($"{Prefix}:{{wo}}");

    /// <summary>Delivery status record (JSON) of one outbound message.</summary>
    public string Delivery(string messageId) => $"{Prefix}:dlv:{messageId}";

    /// <summary>Set of outbound message ids of one notice, for delivery reports.</summary>
    public string NoticeDeliveries(string noticeId) => $"{Prefix}:dlv-notice:{noticeId}";

    /// <summary>Sorted set of recently updated outbound message ids (score: Unix ms).</summary>
    public string RecentDeliveries => $"{Prefix}:dlv-recent";

    /// <summary>Send log of one rate-limited endpoint (sorted set: slot → Unix ms), touched by one script.</summary>
    public string RateLimit(string bucket) => $"{Prefix}:rl:{bucket}";

    /// <summary>Hash: group id → why its WeCom group robot is disabled (JSON).</summary>
    public string DisabledRobots => $"{Prefix}:robots-disabled";

    // Notifier: notices, schedules, billing, audiences.

    /// <summary>A notice's Notifier-side state (targets, revision, stages posted) and its recipients share a hash tag.</summary>
    public (string State, string Recipients) NoticeState(string noticeId) =>
        ($"{Prefix}:{{notice:{noticeId}}}:state", $"{Prefix}:{{notice:{noticeId}}}:recipients");

    /// <summary>Up to when a scheduled job has decided what is due (Unix ms).</summary>
    public string ScheduleWatermark(string job) => $"{Prefix}:schedule:watermark:{job}";

    /// <summary>The lock one scheduled job's run holds, so two Notifiers never run it side by side.</summary>
    public string ScheduleLock(string job) => $"{Prefix}:schedule:lock:{job}";

    /// <summary>
    /// Hash of payments applied to one period's bills: payment id → JSON. Its hash tag is the bills key itself, so
    /// it lives in the bills' slot and one transaction can update both.
    /// </summary>
    public string BillPayments(string period) => $"{{{Bills(period)}}}:payments";

    /// <summary>Hash: billing period → its settlement and due dates (what the reminder job schedules by).</summary>
    public string BillingPeriods => $"{Prefix}:billing:periods";

    /// <summary>Hash of one period's arrears disconnection notices: account number → JSON.</summary>
    public string DisconnectionNotices(string period) => $"{Prefix}:billing:disconnection:{period}";

    /// <summary>Hash of disconnection notices held for a person to decide: account/period → JSON.</summary>
    public string HeldNotices => $"{Prefix}:billing:held";

    /// <summary>Hash: account number → the customer's delivery preferences (opt-out, quiet hours, channel).</summary>
    public string Preferences => $"{Prefix}:preferences";

    /// <summary>A manager's notice draft waiting for 确认 or 取消.</summary>
    public string CommandDraft(string groupId, string senderId) => $"{Prefix}:draft:{groupId}:{senderId}";
}

/// <summary>The keys of the work-order store, all in the hash slot <c>{wo}</c>.</summary>
public readonly record struct WorkOrderKeys(string Root)
{
    /// <summary>Hash: order id → order JSON.</summary>
    public string Orders => Root + ":orders";
    /// <summary>Set of ids of orders not yet closed or cancelled.</summary>
    public string Active => Root + ":active";
    /// <summary>Sorted set of every order id, scored by creation (Unix ms).</summary>
    public string All => Root + ":all";
    /// <summary>Counter of one day's order numbers (yyyyMMdd).</summary>
    public string Sequence(string day) => Root + ":seq:" + day;
    /// <summary>Which order an inbound message opened or joined ("id|opened" / "id|joined").</summary>
    public string Source(string channel, string messageId) => Root + ":src:" + channel + ":" + messageId;
    /// <summary>The open order of one incident (outage, hazard) in one group, for clustering reports.</summary>
    public string Incident(string groupId, string incident) => Root + ":incident:" + groupId + ":" + incident;
    /// <summary>The resolved order a group member was asked to rate (满意/不满意).</summary>
    public string Feedback(string groupId, string userId) => Root + ":feedback:" + groupId + ":" + userId;
}

/// <summary>The keys of one reliable queue.</summary>
public readonly record struct QueueKeys(string Root)
{
    /// <summary>Items waiting to be taken.</summary>
    public string Ready => Root + ":ready";
    /// <summary>Items taken by a worker and not yet acknowledged.</summary>
    public string Processing => Root + ":processing";
    /// <summary>Lease expiry per processing item (score: Unix ms).</summary>
    public string Leases => Root + ":leases";
    /// <summary>Items due later (retries, delayed sends), scored by due time (Unix ms).</summary>
    public string Delayed => Root + ":delayed";
    /// <summary>Items that failed their last attempt.</summary>
    public string Dead => Root + ":dead";
    /// <summary>De-duplication marker of one item id, in the queue's hash slot.</summary>
    public string Seen(string id) => Root + ":seen:" + id;
}
