using System.Xml.Linq;
using GridService.Core.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace GridService.Bot.StaffConsole.Auth;

/// <summary>
/// ASP.NET Core data-protection keys in the store, so a sign-in cookie (and a form's anti-forgery token) issued by
/// one Bot instance is read by the others, and survives a restart of the embedded default.
/// </summary>
public sealed class RedisXmlRepository(RedisStore store) : IXmlRepository
{
    private string Key => $"{store.Keys.Prefix}:console:dataprotection-keys";

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.Db.ListRange(Key).Select(v => XElement.Parse((string)v!))];

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        store.Db.ListRightPush(Key, element.ToString(SaveOptions.DisableFormatting));
    }
}
