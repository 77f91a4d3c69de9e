using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HwOpt.CostModel.Learning;

/// <summary>
/// The only native code of the cost model: source-generated P/Invoke into the XGBoost 1.7 C API
/// (<c>/usr/include/xgboost/c_api.h</c>). Every function returns 0 on success; <see cref="Check"/> turns
/// anything else into an <see cref="XgbException"/> carrying <c>XGBGetLastError</c>'s text.
/// The library is found by <see cref="XgbLibrary"/>'s resolver, registered by this class's static constructor.
/// Handles are <see cref="DMatrixHandle"/> and <see cref="BoosterHandle"/>; output pointers from XGBoost point
/// into its thread-local buffers and must be copied before the next call on the same thread.
/// </summary>
internal static unsafe partial class XgbNative
{
    /// <summary>The name every import uses; the resolver maps it to <see cref="XgbLibrary.CandidateNames"/>.</summary>
    internal const string LibraryName = "xgboost";

    static XgbNative() => XgbLibrary.RegisterResolver(typeof(XgbNative).Assembly);

    [LibraryImport(LibraryName)]
    internal static partial void XGBoostVersion(out int major, out int minor, out int patch);

    [LibraryImport(LibraryName)]
    internal static partial nint XGBGetLastError();

    [LibraryImport(LibraryName)]
    internal static partial int XGDMatrixCreateFromMat_omp(float* data, ulong rows, ulong columns, float missing, out DMatrixHandle handle, int threads);

    [LibraryImport(LibraryName)]
    internal static partial int XGDMatrixSetFloatInfo(DMatrixHandle handle, byte* field, float* values, ulong length);

    [LibraryImport(LibraryName)]
    internal static partial int XGDMatrixFree(nint handle);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterCreate(nint* matrices, ulong count, out BoosterHandle handle);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterFree(nint handle);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSetParam(BoosterHandle handle, string name, string value);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterUpdateOneIter(BoosterHandle handle, int iteration, DMatrixHandle train);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterEvalOneIter(BoosterHandle handle, int iteration, nint* matrices, byte** names, ulong count, out nint result);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterBoostedRounds(BoosterHandle handle, out int rounds);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterGetNumFeature(BoosterHandle handle, out ulong features);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterPredictFromDMatrix(BoosterHandle handle, DMatrixHandle matrix, byte* config, out ulong* shape, out ulong dimensions, out float* result);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterPredictFromDense(BoosterHandle handle, byte* arrayInterface, byte* config, nint proxy, out ulong* shape, out ulong dimensions, out float* result);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterSaveModelToBuffer(BoosterHandle handle, byte* config, out ulong length, out byte* buffer);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterLoadModelFromBuffer(BoosterHandle handle, byte* buffer, ulong length);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterSaveJsonConfig(BoosterHandle handle, out ulong length, out byte* buffer);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSetAttr(BoosterHandle handle, string key, string? value);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterGetAttr(BoosterHandle handle, string key, out nint value, out int found);

    /// <summary>Throws <see cref="XgbException"/> unless <paramref name="rc"/> is 0.</summary>
    /// <param name="rc">The C API's return code.</param>
    /// <param name="call">Filled in by the compiler: the call expression, reduced to the function name.</param>
    /// <exception cref="XgbException">When <paramref name="rc"/> is not 0.</exception>
    internal static void Check(int rc, [CallerArgumentExpression(nameof(rc))] string call = "")
    {
        if (rc == 0) return;
        string function = FunctionName(call);
        string text = Marshal.PtrToStringUTF8(XGBGetLastError()) ?? "(no error text)";
        throw new XgbException(function, text.Trim());
    }

    /// <summary>Copies a NUL-terminated UTF-8 string owned by XGBoost.</summary>
    internal static string ReadString(nint utf8) => Marshal.PtrToStringUTF8(utf8) ?? "";

    private static string FunctionName(string call)
    {
        int paren = call.IndexOf('(', StringComparison.Ordinal);
        string head = paren < 0 ? call : call[..paren];
        return head[(head.LastIndexOf('.') + 1)..].Trim();
    }
}
