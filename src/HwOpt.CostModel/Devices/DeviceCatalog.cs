using HwOpt.Diagnostics;
using HwOpt.Profiling;

namespace HwOpt.CostModel.Devices;

/// <summary>The device profiles of <c>cost-models/devices/</c>, by name.</summary>
public static class DeviceCatalog
{
    /// <summary>Name of the measured profile of this machine.</summary>
    public const string Host = "host-cpu";

    /// <summary>The profiles folder, or null when not found (see <see cref="CostModelFiles.Find"/>).</summary>
    public static string? Folder => CostModelFiles.Find("devices");

    /// <summary>Names of the available profiles (file stems), sorted.</summary>
    public static IReadOnlyList<string> Names() =>
        Folder is { } dir ? Directory.GetFiles(dir, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Loads a profile by name (<c>h200</c>) or by path (<c>my/device.yaml</c>).</summary>
    /// <param name="nameOrPath">Profile name or YAML path.</param>
    /// <param name="diagnostics">Receives HW4012 when the profile is missing or invalid.</param>
    /// <returns>The profile, or null.</returns>
    public static DeviceProfile? Load(string nameOrPath, DiagnosticBag diagnostics)
    {
        string? path = nameOrPath.EndsWith(".yaml", StringComparison.Ordinal) || nameOrPath.Contains('/')
            ? nameOrPath
            : Folder is { } dir ? Path.Combine(dir, nameOrPath + ".yaml") : null;
        if (path is null || !File.Exists(path))
        {
            diagnostics.Report(DiagnosticIds.InvalidDeviceProfile, default,
                $"no device profile '{nameOrPath}' (known: {string.Join(", ", Names())}; the host profile is written by 'hwopt device measure-host')");
            return null;
        }
        return DeviceProfile.Load(path, diagnostics);
    }
}
