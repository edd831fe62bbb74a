using System.Globalization;
using System.Runtime.InteropServices;

namespace GridService.Bot.Knowledge.Text;

/// <summary>
/// Traditional→Simplified through the system ICU (the libicu that .NET itself loads on Linux). ICU exports its C
/// functions with a version suffix (<c>utrans_openU_72</c>), so library and suffix are probed with
/// <see cref="NativeLibrary"/> rather than bound to one fixed <c>[LibraryImport]</c> name.
/// </summary>
internal static class IcuTransliterator
{
    private const string TransformId = "Traditional-Simplified";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate nint OpenFn(
        [MarshalAs(UnmanagedType.LPArray)] char[] id, int idLength, int direction, nint rules, int rulesLength,
        nint parseError, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void TransFn(
        nint trans, [In, Out, MarshalAs(UnmanagedType.LPArray)] char[] text, ref int textLength, int capacity,
        int start, ref int limit, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void CloseFn(nint trans);

    /// <summary>
    /// Builds a per-character map over the CJK blocks by running ICU once over every code unit. ICU's
    /// Traditional-Simplified rules work character by character, so the table gives ICU's result on the hot path
    /// without native calls, locks or allocations (an ICU transliterator is not safe for concurrent use).
    /// Returns null when no usable ICU is found.
    /// </summary>
    public static Dictionary<char, char>? TryBuildMap(out string? library)
    {
        library = null;
        foreach (var (file, suffix) in Candidates())
        {
            if (!NativeLibrary.TryLoad(file, out var lib))
            {
                continue;
            }

            try
            {
                if (NativeLibrary.TryGetExport(lib, "utrans_openU" + suffix, out var open)
                    && NativeLibrary.TryGetExport(lib, "utrans_transUChars" + suffix, out var trans)
                    && NativeLibrary.TryGetExport(lib, "utrans_close" + suffix, out var close)
                    && BuildMap(
                        Marshal.GetDelegateForFunctionPointer<OpenFn>(open),
                        Marshal.GetDelegateForFunctionPointer<TransFn>(trans),
                        Marshal.GetDelegateForFunctionPointer<CloseFn>(close)) is { Count: > 0 } map)
                {
                    library = file + (suffix.Length > 0 ? " (" + suffix.TrimStart('_') + ")" : string.Empty);
                    return map;
                }
            }
            finally
            {
                // The map is all we need; .NET keeps its own handle to ICU, so freeing ours unloads nothing it uses.
                NativeLibrary.Free(lib);
            }
        }

        return null;
    }

    private static IEnumerable<(string File, string Suffix)> Candidates()
    {
        // Newest first. Versioned file names carry matching versioned symbols; an unversioned dev symlink
        // (libicui18n.so) still exports suffixed names, so its suffix is probed too.
        for (int v = 90; v >= 50; v--)
        {
            string s = v.ToString(CultureInfo.InvariantCulture);
            yield return ($"libicui18n.so.{s}", "_" + s);
        }

        for (int v = 90; v >= 50; v--)
        {
            yield return ("libicui18n.so", "_" + v.ToString(CultureInfo.InvariantCulture));
        }

        yield return ("libicui18n.so", string.Empty);
        yield return ("libicucore.dylib", string.Empty);
        yield return ("icu.dll", string.Empty);
    }

    private static Dictionary<char, char>? BuildMap(OpenFn open, TransFn trans, CloseFn close)
    {
        int status = 0;
        var id = TransformId.ToCharArray();
        nint handle = open(id, id.Length, 0, 0, 0, 0, ref status);
        if (status > 0 || handle == 0)
        {
            return null;
        }

        try
        {
            var map = new Dictionary<char, char>();
            foreach (var (first, last) in new[] { ('\u3400', '\u4DBF'), ('\u4E00', '\u9FFF'), ('\uF900', '\uFAFF') })
            {
                if (!TranslateBlock(handle, trans, first, last, map))
                {
                    return null;
                }
            }

            return map;
        }
        finally
        {
            close(handle);
        }
    }

    private static bool TranslateBlock(nint handle, TransFn trans, char first, char last, Dictionary<char, char> map)
    {
        int count = last - first + 1;
        var buffer = new char[count * 2];
        for (int i = 0; i < count; i++)
        {
            buffer[i] = (char)(first + i);
        }

        int length = count, limit = count, status = 0;
        trans(handle, buffer, ref length, buffer.Length, 0, ref limit, ref status);
        if (status > 0)
        {
            return false;
        }

        if (length == count)
        {
            for (int i = 0; i < count; i++)
            {
                if (buffer[i] != (char)(first + i))
                {
                    map[(char)(first + i)] = buffer[i];
                }
            }

            return true;
        }

        // A rule changed the length somewhere: redo this block one character at a time and keep 1:1 mappings only.
        var one = new char[4];
        for (int i = 0; i < count; i++)
        {
            one[0] = (char)(first + i);
            int len = 1, lim = 1, st = 0;
            trans(handle, one, ref len, one.Length, 0, ref lim, ref st);
            if (st <= 0 && len == 1 && one[0] != (char)(first + i))
            {
                map[(char)(first + i)] = one[0];
            }
        }

        return true;
    }
}
