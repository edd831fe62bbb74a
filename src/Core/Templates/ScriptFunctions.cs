using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GridService.Core.Templates;

/// <summary>
/// A one-argument template function. Scriban's delegate wrappers convert arguments by reflection and cost twice
/// as much per call; a reminder makes half a dozen calls, so these plain wrappers matter for throughput.
/// </summary>
internal sealed class ScriptFunction1(Func<object?, string> function) : IScriptCustomFunction
{
    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(string);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        function(arguments.Count > 0 ? arguments[0] : null);

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));
}

/// <summary>A two-argument template function, the second optional when <paramref name="required"/> is 1; see <see cref="ScriptFunction1"/>.</summary>
internal sealed class ScriptFunction2(Func<object?, object?, string> function, int required) : IScriptCustomFunction
{
    public int RequiredParameterCount => required;

    public int ParameterCount => 2;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(string);

    public ScriptParameterInfo GetParameterInfo(int index) =>
        index < required ? new(typeof(object), index == 0 ? "first" : "second") : new(typeof(object), "second", null);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        function(arguments.Count > 0 ? arguments[0] : null, arguments.Count > 1 ? arguments[1] : null);

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));
}
