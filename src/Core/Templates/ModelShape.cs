using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Scriban.Runtime;

namespace GridService.Core.Templates;

/// <summary>How a model member looks to a template.</summary>
internal enum MemberKind { Scalar, Time, Object, List }

/// <summary>One template variable: its snake_case name, how to read it and what it holds.</summary>
internal sealed record ModelMember(
    string Name, Type ClrType, MemberKind Kind, bool Personal, Func<object, object?> Get, ModelShape? Nested);

/// <summary>
/// The template variables of a model type, read by reflection once and exported with compiled getters,
/// so a render builds its <see cref="ScriptObject"/> directly. The same shape drives the start-up check,
/// so the variables a template may use are exactly the model's properties.
/// </summary>
internal sealed class ModelShape
{
    private static readonly ConcurrentDictionary<Type, ModelShape> Cache = new();
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    private readonly ModelMember[] _members;

    private ModelShape(Type type, ModelMember[] members)
    {
        Type = type;
        _members = members;
        ByName = members.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
    }

    public Type Type { get; }

    public IReadOnlyList<ModelMember> Members => _members;

    public FrozenDictionary<string, ModelMember> ByName { get; }

    public static ModelShape Of(Type type) => Cache.GetOrAdd(type, Build);

    /// <summary>Exports <paramref name="model"/> with its times converted to <paramref name="zone"/>.</summary>
    public ScriptObject Export(object model, TimeZoneInfo zone)
    {
        var result = new ScriptObject(_members.Length);
        foreach (var member in _members)
        {
            result.SetValue(member.Name, Convert(member, member.Get(model), zone), readOnly: false);
        }

        return result;
    }

    public static TimeZoneInfo Zone(string id) => Zones.GetOrAdd(id, static id =>
        Domain.Zones.IsKnown(id) ? Domain.Zones.Find(id) : throw new ArgumentException($"Unknown time zone '{id}'.", nameof(id)));

    private static object? Convert(ModelMember member, object? value, TimeZoneInfo zone) => value switch
    {
        null => null,
        DateTimeOffset time => TimeZoneInfo.ConvertTime(time, zone),
        _ when member.Kind == MemberKind.Object => member.Nested!.Export(value, zone),
        IEnumerable items when member.Kind == MemberKind.List => ConvertList(member, items, zone),
        _ => value,
    };

    private static ScriptArray ConvertList(ModelMember member, IEnumerable items, TimeZoneInfo zone)
    {
        var array = new ScriptArray();
        foreach (var item in items)
        {
            array.Add(item switch
            {
                null => null,
                DateTimeOffset time => TimeZoneInfo.ConvertTime(time, zone),
                _ when member.Nested is not null => member.Nested.Export(item, zone),
                _ => item,
            });
        }

        return array;
    }

    private static ModelShape Build(Type type)
    {
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0
                && p.GetCustomAttribute<TemplateIgnoreAttribute>() is null
                && p.Name != "EqualityContract")
            .Select(BuildMember)
            .ToArray();
        return new ModelShape(type, members);
    }

    private static ModelMember BuildMember(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var (kind, nested) = Classify(type);
        return new ModelMember(
            JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), type, kind,
            property.GetCustomAttribute<PersonalDataAttribute>() is not null, CompileGetter(property), nested);
    }

    private static (MemberKind, ModelShape?) Classify(Type type)
    {
        if (type == typeof(DateTimeOffset))
        {
            return (MemberKind.Time, null);
        }

        if (type == typeof(string) || type.IsValueType)
        {
            return (MemberKind.Scalar, null);
        }

        var item = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
        if (item is not null)
        {
            var isRecord = item != typeof(string) && !item.IsValueType;
            return (MemberKind.List, isRecord ? Of(item) : null);
        }

        return (MemberKind.Object, Of(type));
    }

    private static Func<object, object?> CompileGetter(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object), "model");
        var read = Expression.Property(Expression.Convert(instance, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), instance).Compile();
    }
}
