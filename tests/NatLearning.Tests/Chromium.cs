using Microsoft.Playwright;

namespace NatLearning.Tests;

/// <summary>Debian's Chromium driven by Playwright; a test calling this is skipped, with the install command, where it is missing.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchOrSkipAsync()
    {
        if (!File.Exists(Path)) Assert.Skip($"Chromium not found at {Path}; install with: apt-get install -y chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }
}
