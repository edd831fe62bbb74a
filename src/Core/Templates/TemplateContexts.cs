using Microsoft.Extensions.ObjectPool;
using Scriban;
using Scriban.Parsing;

namespace GridService.Core.Templates;

/// <summary>
/// The one place Scriban's settings live, shared by the start-up check and by rendering so a template that
/// passes the check behaves the same in production: strict names, and limits that stop a hostile template
/// or oversized data instead of hanging the worker.
/// </summary>
internal static class TemplateContexts
{
    /// <summary>Iterations across nested loops per render; the digest lists stay well below.</summary>
    public const int LoopLimit = 1000;

    /// <summary>Depth of template function recursion.</summary>
    public const int RecursiveLimit = 20;

    /// <summary>Characters in any one string and in the whole output; a WeCom message is far shorter.</summary>
    public const int TextLimit = 16 * 1024;

    /// <summary>Budget for any regular expression a template runs.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    public static ParserOptions ParserOptions => new() { ExpressionDepthLimit = 64 };

    public static TemplateContext Create()
    {
        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            LimitToString = TextLimit,
            OutputLimit = TextLimit,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            ObjectRecursionLimit = 10,
            RegexTimeOut = RegexTimeout,
        };
        TemplateFunctions.AddTo(context.BuiltinObject);
        return context;
    }

    /// <summary>Contexts are costly to build and cheap to reset; a render borrows one.</summary>
    public static ObjectPool<TemplateContext> CreatePool() =>
        new DefaultObjectPool<TemplateContext>(new Policy(), Environment.ProcessorCount * 2);

    private sealed class Policy : PooledObjectPolicy<TemplateContext>
    {
        public override TemplateContext Create() => TemplateContexts.Create();

        // A render that returns normally has popped its model and handed over its output; Reset() would
        // cost more than the render (it rebuilds the output stacks), so only clean contexts come back.
        public override bool Return(TemplateContext obj) => true;
    }
}
