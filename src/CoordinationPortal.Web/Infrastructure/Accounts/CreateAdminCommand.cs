using CoordinationPortal.Domain.Access;
using CoordinationPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Infrastructure.Accounts;

/// <summary>
/// dotnet run --project src/CoordinationPortal.Web -- create-admin --email a@b.vn [--name "Họ tên"]
/// The password is read from PORTAL_ADMIN_PASSWORD, or typed (not echoed). The new administrator
/// sets up an authenticator app at first sign-in.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "PORTAL_ADMIN_PASSWORD";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var email = Option(args, "--email");
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} --email someone@agency.gov.vn [--name \"Full name\"]  (password from {PasswordVariable} or typed)");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = ReadPassword("Password: ");
            if (ReadPassword("Again: ") != password)
            {
                await Console.Error.WriteLineAsync("The two passwords differ; nothing was created.");
                return 1;
            }
        }

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            await Console.Error.WriteLineAsync(existing.Role == Permissions.AdministratorRole
                ? $"{email} is already an administrator."
                : $"{email} already has an account ({existing.Role}); change its role in the portal.");
            return 1;
        }

        var result = await AccountBootstrap.CreateAdministratorAsync(scope.ServiceProvider, email, Option(args, "--name"), password);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync("Refused: " + string.Join("; ", result.Errors.Select(e => e.Code == CoordinationPortal.Web.Infrastructure.Security.CommonPasswordValidator.ErrorCode ? "password is too common" : e.Description)));
            return 1;
        }

        var administrator = Permissions.AdministratorRole;
        var count = await users.Users.CountAsync(u => u.Role == administrator);
        Console.WriteLine($"Administrator {email} created ({count} in all). Sign in and set up an authenticator app.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string ReadPassword(string prompt)
    {
        Console.Write(prompt);
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine() ?? string.Empty;
        }

        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
