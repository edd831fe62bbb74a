namespace GridService.Bot.Hosting;

/// <summary>What this process runs: both services (all-in-one, the embedded default), the Bot or the Notifier.</summary>
public enum HostRole { All, Bot, Notifier }

/// <summary>Reads the <c>--role</c> setting.</summary>
public static class HostRoles
{
    /// <summary>The role configured under <c>Role</c>; all-in-one when absent.</summary>
    public static HostRole From(IConfiguration configuration)
    {
        var value = configuration["Role"];
        if (string.IsNullOrWhiteSpace(value) || value.Equals("all", StringComparison.OrdinalIgnoreCase)) return HostRole.All;
        return Enum.TryParse<HostRole>(value, ignoreCase: true, out var role)
            ? role
            : throw new InvalidOperationException($"Unknown --role '{value}': use bot, notifier or all.");
    }
}
