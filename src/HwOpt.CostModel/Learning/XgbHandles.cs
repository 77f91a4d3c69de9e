using System.Runtime.InteropServices;

namespace HwOpt.CostModel.Learning;

/// <summary>An XGBoost <c>DMatrixHandle</c>, freed with <c>XGDMatrixFree</c>.</summary>
internal sealed class DMatrixHandle : SafeHandle
{
    /// <summary>An empty handle; the marshaller fills it in.</summary>
    public DMatrixHandle() : base(0, ownsHandle: true) { }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == 0;

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => XgbNative.XGDMatrixFree(handle) == 0;
}

/// <summary>An XGBoost <c>BoosterHandle</c>, freed with <c>XGBoosterFree</c>.</summary>
internal sealed class BoosterHandle : SafeHandle
{
    /// <summary>An empty handle; the marshaller fills it in.</summary>
    public BoosterHandle() : base(0, ownsHandle: true) { }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == 0;

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => XgbNative.XGBoosterFree(handle) == 0;
}

/// <summary>
/// Raw pointers of several DMatrix handles for the C API's <c>DMatrixHandle[]</c> parameters, each handle
/// kept alive (<see cref="SafeHandle.DangerousAddRef"/>) until <see cref="Dispose"/>.
/// </summary>
internal sealed class HandleArray : IDisposable
{
    private readonly DMatrixHandle[] _handles;
    private readonly bool[] _added;

    /// <summary>Adds a reference to each handle and records its pointer.</summary>
    public HandleArray(params DMatrixHandle[] handles)
    {
        _handles = handles;
        _added = new bool[handles.Length];
        Pointers = new nint[handles.Length];
        for (int i = 0; i < handles.Length; i++)
        {
            handles[i].DangerousAddRef(ref _added[i]);
            Pointers[i] = handles[i].DangerousGetHandle();
        }
    }

    /// <summary>The raw handles, in the order given.</summary>
    public nint[] Pointers { get; }

    /// <summary>Releases the references.</summary>
    public void Dispose()
    {
        for (int i = 0; i < _handles.Length; i++)
        {
            if (_added[i]) _handles[i].DangerousRelease();
            _added[i] = false;
        }
    }
}
