using System.Runtime.InteropServices;

namespace HwOpt.Planning.Cbc;

/// <summary>
/// The project's only native solver code: source-generated P/Invoke into the COIN-OR CBC 2.10 C API
/// (<c>/usr/include/coin/Cbc_C_Interface.h</c>, library <c>libCbcSolver.so.3</c> from Debian
/// <c>coinor-libcbc-dev</c>). <c>CoinBigIndex</c> is <c>int</c> in Debian's build (<c>COIN_BIG_INDEX 0</c>).
/// The library is found by <see cref="CbcLibrary"/>'s resolver, registered by this class's static constructor.
/// </summary>
internal static unsafe partial class CbcNative
{
    /// <summary>The name every import uses; the resolver maps it to <see cref="CbcLibrary.CandidateNames"/>.</summary>
    internal const string LibraryName = "CbcSolver";

    static CbcNative() => CbcLibrary.RegisterResolver(typeof(CbcNative).Assembly);

    [LibraryImport(LibraryName)] internal static partial nint Cbc_getVersion();
    [LibraryImport(LibraryName)] internal static partial nint Cbc_newModel();
    [LibraryImport(LibraryName)] internal static partial void Cbc_deleteModel(nint model);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setProblemName(nint model, byte* name);

    [LibraryImport(LibraryName)]
    internal static partial void Cbc_loadProblem(nint model, int numCols, int numRows, int* start, int* index, double* value,
        double* colLower, double* colUpper, double* objective, double* rowLower, double* rowUpper);

    [LibraryImport(LibraryName)] internal static partial void Cbc_setColName(nint model, int column, byte* name);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setRowName(nint model, int row, byte* name);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setInteger(nint model, int column);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setObjSense(nint model, double sense);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setMIPStartI(nint model, int count, int* columns, double* values);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setParameter(nint model, byte* name, byte* value);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setMaximumSeconds(nint model, double seconds);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setMaximumNodes(nint model, int nodes);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setAllowableFractionGap(nint model, double gap);
    [LibraryImport(LibraryName)] internal static partial void Cbc_setLogLevel(nint model, int level);
    [LibraryImport(LibraryName)] internal static partial int Cbc_writeMps(nint model, byte* fileName);
    [LibraryImport(LibraryName)] internal static partial void Cbc_writeLp(nint model, byte* fileName);
    [LibraryImport(LibraryName)] internal static partial int Cbc_solve(nint model);
    [LibraryImport(LibraryName)] internal static partial int Cbc_status(nint model);
    [LibraryImport(LibraryName)] internal static partial int Cbc_secondaryStatus(nint model);
    [LibraryImport(LibraryName)] internal static partial int Cbc_isProvenOptimal(nint model);
    [LibraryImport(LibraryName)] internal static partial int Cbc_isProvenInfeasible(nint model);
    [LibraryImport(LibraryName)] internal static partial int Cbc_isContinuousUnbounded(nint model);
    [LibraryImport(LibraryName)] internal static partial int Cbc_isAbandoned(nint model);
    [LibraryImport(LibraryName)] internal static partial double* Cbc_bestSolution(nint model);
    [LibraryImport(LibraryName)] internal static partial double Cbc_getObjValue(nint model);
    [LibraryImport(LibraryName)] internal static partial double Cbc_getBestPossibleObjValue(nint model);
    [LibraryImport(LibraryName)] internal static partial int Cbc_getNodeCount(nint model);
}
