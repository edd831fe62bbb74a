using GridService.Bot.Commands;
using GridService.Bot.Knowledge;
using GridService.Bot.Misses;
using GridService.Bot.WorkOrders;

namespace GridService.Bot.Pipeline;

/// <summary>Registers the message pipeline and what it needs.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>Knowledge base, decision engine, commands, pipeline and its inbound worker.</summary>
    public static IServiceCollection AddBotPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKnowledge(configuration);
        services.AddSingleton<MissLog>();
        services.AddWorkOrders(configuration);
        services.AddSingleton<WorkOrderCommands>();
        services.AddSingleton<Copilot.ManagerCopilot>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<DecisionLog>();
        services.AddSingleton<BotBrain>();
        services.AddSingleton<TurnMemory>();
        services.AddSingleton<MessagePipeline>();
        services.AddHostedService<InboundWorker>();
        return services;
    }
}
