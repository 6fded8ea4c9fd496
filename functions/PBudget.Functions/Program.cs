using PBudget.Functions;
using PBudget.Functions.Audit;
using PBudget.Functions.Auth;
using PBudget.Functions.Budgets;
using PBudget.Functions.Councillors;
using PBudget.Functions.Forms;
using PBudget.Functions.Health;
using PBudget.Functions.Hosting;
using PBudget.Functions.Notifications;
using PBudget.Functions.Proposals;
using PBudget.Functions.Publishing;
using PBudget.Functions.Schemes;
using PBudget.Functions.Voting;
using PBudget.Functions.Wards;

var builder = WebApplication.CreateBuilder(args);
builder.AddPBudgetAuthentication();
builder.Services
    .AddPBudgetApi()
    .AddPBudgetStorage()
    .AddPBudgetDataProtection()
    .AddPBudgetPublishing()
    .AddPBudgetProposals()
    .AddPBudgetVoting(builder.Environment)
    .AddPBudgetNotifications(builder.Configuration)
    .AddPBudgetRateLimits()
    .AddPBudgetForms()
    .AddFunctionsHosting(builder.Environment, builder.Configuration);

var app = builder.Build();
app.UsePublicOrigin();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseLocalSite();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
app.MapHealth();
app.MapLocalSignIn();
app.MapWebSignIn();
app.MapSchemes();
app.MapWards();
app.MapBudgets();
app.MapCouncillors();
app.MapAudit();
app.MapPublishing();
app.MapSiteFiles();
app.MapNotifications();
app.MapProposals();
app.MapProposalReview();
app.MapShortlists();
app.MapVoting();
app.MapResidentForms();
app.MapVotingForms();
app.MapManageForms();
app.MapVotingManageForms();

app.Run();

/// <summary>Exposed so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
