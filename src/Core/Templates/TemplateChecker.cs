using System.Collections.Frozen;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GridService.Core.Templates;

/// <summary>
/// Static checks over a template's source and syntax tree, covering every branch (a sample render only
/// covers the branches its data takes): an unclosed <c>{{</c>, unknown variables, functions and members,
/// and personal data shown unmasked in a group template.
/// </summary>
internal static class TemplateChecker
{
    private static readonly FrozenSet<string> LoopObjects = FrozenSet.Create(StringComparer.Ordinal, "for", "while", "tablerow");
    private static readonly FrozenSet<string> ListMembers = FrozenSet.Create(StringComparer.Ordinal, "size", "first", "last");

    /// <summary>Scriban reads an unclosed <c>{{</c> at the end as code; name it where it opens.</summary>
    public static IEnumerable<TemplateError> CheckDelimiters(string text, string path)
    {
        Token? open = null;
        foreach (var token in new Lexer(text, path))
        {
            if (token.Type == TokenType.CodeEnter)
            {
                open = token;
            }
            else if (token.Type == TokenType.CodeExit)
            {
                open = null;
            }
        }

        if (open is { } enter)
        {
            yield return new TemplateError(path, enter.Start.Line + 1, enter.Start.Column + 1, "'{{' is never closed with '}}'");
        }
    }

    /// <summary>Checks names and masking against the kind's model.</summary>
    public static IReadOnlyList<TemplateError> CheckNames(Template template, TemplateKind kind, ScriptObject builtins)
    {
        var walker = new Walker(template.SourceFilePath ?? kind.Name, kind, builtins);
        walker.CollectAssigned(template.Page);
        walker.Visit(template.Page);
        return walker.Errors;
    }

    /// <summary>What an expression refers to, as far as the checker can tell.</summary>
    private sealed record Binding(ModelMember? Member = null, ModelShape? Item = null, ScriptObject? Module = null)
    {
        public static readonly Binding Opaque = new();
    }

    private sealed class Walker(string path, TemplateKind kind, ScriptObject builtins)
    {
        private readonly HashSet<string> _assigned = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Binding> _loops = new(StringComparer.Ordinal);

        public List<TemplateError> Errors { get; } = [];

        /// <summary>Names the template defines itself (assignments, captures, functions) are known everywhere.</summary>
        public void CollectAssigned(ScriptNode? node)
        {
            switch (node)
            {
                case null:
                    return;
                case ScriptAssignExpression { Target: ScriptVariable v }:
                    _assigned.Add(v.Name);
                    break;
                case ScriptCaptureStatement { Target: ScriptVariable v }:
                    _assigned.Add(v.Name);
                    break;
                case ScriptFunction { NameOrDoToken: ScriptVariable v }:
                    _assigned.Add(v.Name);
                    break;
                case ScriptParameter { Name: { } parameter }:
                    _assigned.Add(parameter.Name);
                    break;
            }

            for (var i = 0; i < node.ChildrenCount; i++)
            {
                CollectAssigned(node.GetChildren(i));
            }
        }

        public void Visit(ScriptNode? node)
        {
            switch (node)
            {
                case null:
                    return;
                case ScriptForStatement loop:
                    VisitLoop(loop);
                    return;
                case ScriptVariableGlobal or ScriptMemberExpression:
                    Resolve((ScriptExpression)node);
                    return;
                case ScriptAssignExpression assign:
                    if (assign.Target is not ScriptVariable)
                    {
                        Visit(assign.Target);
                    }

                    Visit(assign.Value);
                    return;
                case ScriptCaptureStatement capture:
                    Visit(capture.Body);
                    return;
                case ScriptObjectMember member:
                    Visit(member.Value);
                    return;
                case ScriptNamedArgument argument:
                    Visit(argument.Value);
                    return;
                case ScriptFunction function:
                    Visit(function.Body);
                    return;
                case ScriptParameter:
                    return;
            }

            for (var i = 0; i < node.ChildrenCount; i++)
            {
                Visit(node.GetChildren(i));
            }
        }

        private void VisitLoop(ScriptForStatement loop)
        {
            var iterator = Resolve(loop.Iterator);
            if (loop.NamedArguments is { } arguments)
            {
                Visit(arguments);
            }

            var name = (loop.Variable as ScriptVariable)?.Name;
            var item = iterator.Member is { Kind: MemberKind.List, Nested: { } shape } ? new Binding(Item: shape) : Binding.Opaque;
            var shadowed = name is not null && _loops.TryGetValue(name, out var outer) ? outer : null;
            if (name is not null)
            {
                _loops[name] = item;
            }

            Visit(loop.Body);
            if (name is not null)
            {
                if (shadowed is null)
                {
                    _loops.Remove(name);
                }
                else
                {
                    _loops[name] = shadowed;
                }
            }

            Visit(loop.Else);
        }

        private Binding Resolve(ScriptExpression? expression)
        {
            switch (expression)
            {
                case ScriptVariableGlobal variable:
                    return ResolveGlobal(variable);
                case ScriptMemberExpression member:
                    return ResolveMember(member);
                default:
                    Visit(expression);
                    return Binding.Opaque;
            }
        }

        private Binding ResolveGlobal(ScriptVariableGlobal variable)
        {
            var name = variable.Name;
            if (_loops.TryGetValue(name, out var loop))
            {
                return loop;
            }

            if (kind.Shape.ByName.TryGetValue(name, out var member))
            {
                CheckMasked(variable, member);
                return new Binding(member);
            }

            if (builtins.TryGetValue(name, out var builtin))
            {
                return builtin is ScriptObject module ? new Binding(Module: module) : Binding.Opaque;
            }

            if (!_assigned.Contains(name) && !LoopObjects.Contains(name))
            {
                var known = kind.Shape.Members.Select(m => m.Name).Concat(TemplateFunctions.Names);
                Errors.Add(TemplateError.At(variable.Span, path, $"unknown variable or function '{name}'{Suggest(name, known)}"));
            }

            return Binding.Opaque;
        }

        private Binding ResolveMember(ScriptMemberExpression expression)
        {
            var target = Resolve(expression.Target);
            if (expression.Member is not { } memberName)
            {
                return Binding.Opaque;
            }

            var name = memberName.Name;
            var shape = target.Item ?? (target.Member is { Kind: MemberKind.Object } m ? m.Nested : null);
            if (shape is not null)
            {
                if (shape.ByName.TryGetValue(name, out var member))
                {
                    CheckMasked(expression, member);
                    return new Binding(member);
                }

                Errors.Add(TemplateError.At(memberName.Span, path,
                    $"unknown member '{name}'{Suggest(name, shape.Members.Select(x => x.Name))}"));
            }
            else if (target.Member is { Kind: MemberKind.List } list && !ListMembers.Contains(name))
            {
                Errors.Add(TemplateError.At(memberName.Span, path,
                    $"'{list.Name}' is a list: use size, first or last, or a for loop, not '{name}'"));
            }
            else if (target.Module is { } module && !module.ContainsKey(name))
            {
                Errors.Add(TemplateError.At(memberName.Span, path, $"unknown builtin function '{name}'"));
            }

            return Binding.Opaque;
        }

        /// <summary>In a group template, personal data may only be tested (<c>if x</c>) or passed to a mask function.</summary>
        private void CheckMasked(ScriptExpression reference, ModelMember member)
        {
            if (!member.Personal || kind.Audience != TemplateAudience.Group)
            {
                return;
            }

            var parent = reference.Parent;
            var masked = parent switch
            {
                ScriptIfStatement test => test.Condition == reference,
                ScriptPipeCall pipe => pipe.From == reference && IsMask(pipe.To),
                _ => parent?.Parent is ScriptFunctionCall call && call.Arguments == parent && IsMask(call),
            };
            if (!masked)
            {
                Errors.Add(TemplateError.At(reference.Span, path,
                    $"'{member.Name}' is personal data: a group template must show it through mask_name, mask_phone, mask_account or mask_text"));
            }
        }

        private static bool IsMask(ScriptExpression? expression) => expression switch
        {
            ScriptFunctionCall call => IsMask(call.Target),
            ScriptVariableGlobal v => v.Name.StartsWith("mask_", StringComparison.Ordinal),
            _ => false,
        };
    }

    private static string Suggest(string name, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Name: k, Distance: Distance(name, k)))
            .Where(k => k.Distance <= Math.Max(1, name.Length / 3))
            .OrderBy(k => k.Distance)
            .FirstOrDefault();
        return best.Name is null ? string.Empty : $" (did you mean '{best.Name}'?)";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
