using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PBudget.Functions.Auth;

/// <summary>Sign-in (Microsoft.Identity.Web JWT bearer for staff) and the authorisation policies.</summary>
public static class AuthenticationSetup
{
    public static WebApplicationBuilder AddPBudgetAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var localSignIn = builder.Configuration.GetSection(LocalSignInOptions.SectionName).Get<LocalSignInOptions>() ?? new();
        var authentication = builder.Services.AddAuthentication(BrowserSessions.SelectorScheme);
        authentication.AddMicrosoftIdentityWebApi(builder.Configuration.GetSection("AzureAd"));
        var residentIssuer = authentication.AddResidentTokens(builder.Configuration);
        authentication.AddWebSignIn(builder.Configuration);
        authentication.AddBrowserSessions(builder.Environment, localSignIn.Enabled ? LocalSignInEndpoints.SignInPath : WebSignIn.SignInPath, residentIssuer);
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pbudget-antiforgery";
            options.FormFieldName = "__RequestVerificationToken";
        });
        if (localSignIn.Enabled)
        {
            // The one switch that makes locally signed tokens valid must never work outside a developer's machine.
            if (!builder.Environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"Local sign-in is enabled in the '{builder.Environment.EnvironmentName}' environment. It is only allowed in Development; remove {LocalSignInOptions.SectionName}:Enabled.");
            }

            var audience = builder.Configuration["AzureAd:Audience"]
                ?? throw new InvalidOperationException("Set AzureAd:Audience for the local sign-in.");
            var issuer = new LocalTokenIssuer(audience);
            builder.Services.AddSingleton(issuer);
            builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => TrustLocalIssuer(options, issuer));
        }

        builder.Services.AddAuthorizationBuilder()
            // Anything not given a policy explicitly needs a signed-in user: forgetting a policy fails closed.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Roles.Admin, Roles.Officer, Roles.Councillor))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.AdminOrOfficer, policy => policy.RequireRole(Roles.Admin, Roles.Officer))
            .AddPolicy(Policies.Councillor, policy => policy.RequireRole(Roles.Councillor))
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.BudgetHolder, policy => policy.RequireRole(Roles.Admin, Roles.Councillor));
        return builder;
    }

    private static void TrustLocalIssuer(JwtBearerOptions options, LocalTokenIssuer issuer)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = LocalTokenIssuer.Issuer };
        configuration.SigningKeys.Add(issuer.SigningKey);
        options.Configuration = configuration;
        options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);

        // Keep Identity.Web's role claim type: its inbound claim mapping turns "roles" into it.
        var roleClaimType = options.TokenValidationParameters.RoleClaimType;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = LocalTokenIssuer.Issuer,
            ValidAudience = issuer.Audience,
            IssuerSigningKey = issuer.SigningKey,
            NameClaimType = "name",
            RoleClaimType = roleClaimType,
        };
    }
}
