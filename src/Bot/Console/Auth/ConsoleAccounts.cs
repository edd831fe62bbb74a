using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Storage;
using Microsoft.AspNetCore.Identity;
using StackExchange.Redis;

namespace GridService.Bot.StaffConsole.Auth;

/// <summary>A console account: the password hash (ASP.NET Core's <see cref="PasswordHasher{TUser}"/> format) and whether it must be changed.</summary>
/// <param name="Hash">The hash; never the password.</param>
/// <param name="MustChange">Set for an initial password given out by an administrator: the first sign-in asks for a new one.</param>
/// <param name="SetAt">When it was set.</param>
public sealed record ConsoleAccount(string Hash, bool MustChange, DateTimeOffset SetAt);

/// <summary>
/// Console accounts of the roster's staff, one per staff id, in Redis (so every Bot instance signs in the same
/// people). Passwords are hashed with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2).
/// </summary>
public sealed class ConsoleAccounts(RedisStore store, TimeProvider time)
{
    private static readonly PasswordHasher<string> Hasher = new();

    private IDatabase Db => store.Db;

    private string Key => $"{store.Keys.Prefix}:console:accounts";

    /// <summary>The account of a staff id, or null.</summary>
    public async Task<ConsoleAccount?> GetAsync(string staffId)
    {
        var json = await Db.HashGetAsync(Key, staffId);
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, AccountJson.Default.ConsoleAccount);
    }

    /// <summary>Sets a password (hashed); <paramref name="mustChange"/> for an initial one.</summary>
    public Task SetPasswordAsync(string staffId, string password, bool mustChange) =>
        SaveAsync(staffId, new ConsoleAccount(Hash(staffId, password), mustChange, time.GetUtcNow()), overwrite: true);

    /// <summary>Stores an already hashed password unless the account exists (the sample roster's demo hashes).</summary>
    public Task<bool> SeedHashAsync(string staffId, string hash) =>
        SaveAsync(staffId, new ConsoleAccount(hash, MustChange: false, time.GetUtcNow()), overwrite: false);

    /// <summary>Checks a password; a hash in an older format is upgraded on success.</summary>
    public async Task<PasswordVerificationResult> VerifyAsync(string staffId, ConsoleAccount account, string password)
    {
        ArgumentNullException.ThrowIfNull(account);
        var result = Hasher.VerifyHashedPassword(staffId, account.Hash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await SaveAsync(staffId, account with { Hash = Hash(staffId, password) }, overwrite: true);
        }

        return result;
    }

    /// <summary>The hash of a password, as stored (also what <c>console hash</c> prints for staff.csv).</summary>
    public static string Hash(string staffId, string password) => Hasher.HashPassword(staffId, password);

    private async Task<bool> SaveAsync(string staffId, ConsoleAccount account, bool overwrite) =>
        await Db.HashSetAsync(Key, staffId, JsonSerializer.Serialize(account, AccountJson.Default.ConsoleAccount), overwrite ? When.Always : When.NotExists)
        || overwrite;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConsoleAccount))]
internal sealed partial class AccountJson : JsonSerializerContext;
