namespace GridService.Core;

/// <summary>
/// The log event id ranges, one hundred per feature, so an operator's alert on an event id means one thing across
/// both hosts. A feature's events are its base plus a small offset; an architecture test checks no id is used twice.
/// </summary>
public static class EventIds
{
    /// <summary>Start-up, the store, samples.</summary>
    public const int Hosting = 100;

    /// <summary>Reliable queues and their workers.</summary>
    public const int Queues = 200;

    /// <summary>The operator guard, exposure checks, abuse limits.</summary>
    public const int Security = 300;

    /// <summary>Transcripts: retention and trimming.</summary>
    public const int Transcripts = 800;

    /// <summary>The store's health: outages and recoveries.</summary>
    public const int StoreHealth = 900;

    /// <summary>The signed bridge and simulator ingress.</summary>
    public const int Bridge = 400;

    /// <summary>The Bot's message pipeline.</summary>
    public const int Pipeline = 500;

    /// <summary>Manager commands.</summary>
    public const int Commands = 600;

    /// <summary>Work orders: intake (+0), operations (+10), SLA (+20), photos (+30).</summary>
    public const int WorkOrders = 700;

    /// <summary>Delivery: the worker (+0), WeCom robot alerts (+20).</summary>
    public const int Delivery = 1100;

    /// <summary>Outage notices: dispatcher (+0), planner (+10), service (+20).</summary>
    public const int Notices = 1200;

    /// <summary>Quartz schedules and their runs.</summary>
    public const int Scheduling = 1300;

    /// <summary>Billing: reminders (+0), reconnection (+10), held notices (+20).</summary>
    public const int Billing = 1400;

    /// <summary>Managers and operators: alerts (+0), the daily digest (+10), the digest feed (+20).</summary>
    public const int Managers = 1500;

    /// <summary>The knowledge base and decision engine.</summary>
    public const int Knowledge = 3000;

    /// <summary>The optional LLM.</summary>
    public const int Llm = 3100;

    /// <summary>The staff console: accounts and sign-in (+0), actions (+10), the knowledge overlay (+20).</summary>
    public const int Console = 3200;

    /// <summary>WeCom channels: callbacks in the Bot (+0), senders in the Notifier (+50).</summary>
    public const int WeCom = 6100;

    /// <summary>The WeCom AI bot's long connection in the Bot: the connection (+0), the lease (+20), frames and pushes (+40), photos (+60).</summary>
    public const int WeComLongConnection = 6200;

    /// <summary>WeCom's REST API in the Notifier: access tokens (+0), app messages (+20), customer-group 群发 tasks (+40), the channel check (+80).</summary>
    public const int WeComApi = 6300;

    /// <summary>The manager's copilot for customer groups (the reply to paste, orders on a resident's behalf).</summary>
    public const int Copilot = 6400;
}
