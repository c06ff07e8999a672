using CoordinationPortal.Data;
using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>Policy names for [Authorize(Policy = ...)]; each one is a domain permission function.</summary>
public static class Policies
{
    public const string Administer = nameof(Administer);
    public const string ReadAudit = nameof(ReadAudit);
    public const string DraftPlans = nameof(DraftPlans);
}

public static class IdentitySetup
{
    /// <summary>
    /// Accounts (ASP.NET Core Identity on PortalDbContext), the sign-in cookie, and deny-by-default
    /// authorization: every endpoint needs a signed-in user unless it says [AllowAnonymous].
    /// </summary>
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section));
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditContext, HttpAuditContext>();
        services.AddSingleton<SecurityAudit>();
        services.AddSingleton<AccessDenials>();
        services.AddSingleton<SignInThrottling>();
        services.AddSingleton<DummyPassword>();
        services.AddSingleton<SecondFactorSecrets>();
        services.AddMemoryCache();
        services.AddScoped<DraftKeys>();

        services
            .AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false; // administrators create accounts; nobody signs up
                options.Password.RequiredLength = security.MinimumPasswordLength;
                options.Password.RequireDigit = false; // length and a common-password check, not composition rules
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Identity's lockout locks the account for everyone, so anyone who knows an e-mail could
                // lock its owner out. Wrong attempts are throttled per account and client address by
                // SignInThrottling instead (ADR 0024); nothing calls Identity's lockout.
                options.Lockout.AllowedForNewUsers = false;

                // Authenticator codes: one step of drift each way, each code once (ADR 0024).
                options.Tokens.AuthenticatorTokenProvider = PortalAuthenticatorTokenProvider.ProviderName;
            })
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddUserStore<PortalUserStore>() // Identity's EF store; authenticator secrets encrypted on the way in
            .AddDefaultTokenProviders()
            .AddTokenProvider<PortalAuthenticatorTokenProvider>(PortalAuthenticatorTokenProvider.ProviderName);
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = security.PasswordHashIterations);
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = security.SecurityStampInterval);

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddScoped<PortalCookieEvents>();
        services.AddSingleton<DatabaseSessionStore>();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, SessionStoreSetup>();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "portal.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = security.IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/error/403";
            options.ReturnUrlParameter = "returnUrl";
            options.EventsType = typeof(PortalCookieEvents);
        });
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
        {
            services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme, options =>
            {
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            });
        }

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "portal.antiforgery";
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.FormFieldName = "__RequestVerificationToken";
        });

        services.AddSingleton<IAuthorizationHandler, ActivityAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ProgressEntryAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ReportAuthorizationHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administer, policy => policy.RequireAssertion(c => c.User.ToActor() is { } a && Permissions.CanAdminister(a)))
            .AddPolicy(Policies.ReadAudit, policy => policy.RequireAssertion(c => c.User.ToActor() is { } a && Permissions.CanReadAudit(a)))
            .AddPolicy(Policies.DraftPlans, policy => policy.RequireAssertion(c => c.User.ToActor() is { } a && Permissions.CanDraftPlans(a)));
        return services;
    }
}

/// <summary>The signed-in user and client address of the current request, for the audit trail.</summary>
public sealed class HttpAuditContext(IHttpContextAccessor accessor) : IAuditContext
{
    public string? UserId => accessor.HttpContext?.User.UserId();

    public string? UserName => accessor.HttpContext?.User.Identity?.Name ?? (accessor.HttpContext is null ? "system" : null);

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
