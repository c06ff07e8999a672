using System.Buffers.Binary;
using CoordinationPortal.Web.Infrastructure.Security;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

public sealed class PasswordPolicyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("Password@2024")]
    [InlineData("matkhau123456")]
    [InlineData("Mật khẩu 2025!")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiop12")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("aaaaaaaaaaaaaa")]
    [InlineData("passwordpassword")]
    [InlineData("anhyeuem@1234")]
    [InlineData("nguyenthilan1990")]
    public void Common_and_personal_passwords_are_refused(string password)
    {
        Assert.True(CommonPasswordValidator.IsCommon(password, "lan.nguyen@hoilhpn.org.vn", "Nguyễn Thị Lan"));
    }

    [Theory]
    [InlineData("mùa xuân trên cao nguyên đá")]
    [InlineData("ba con mèo ngồi trên mái nhà")]
    [InlineData("tx7-kp2-wq9-mr4")]
    public void Long_unusual_passphrases_are_accepted(string password)
    {
        Assert.False(CommonPasswordValidator.IsCommon(password, "lan.nguyen@hoilhpn.org.vn", "Nguyễn Thị Lan"));
    }

    [Fact]
    public async Task Passwords_are_hashed_with_at_least_210000_PBKDF2_rounds()
    {
        var account = await factory.AccountAsync(Persona.CentralVwu);
        var hash = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.PasswordHash!).SingleAsync(TestContext.Current.CancellationToken));

        // Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), ...
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) >= 210_000);
    }

    [Fact]
    public async Task A_short_new_password_is_refused_with_a_clear_message_and_nothing_else_required()
    {
        var account = await factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await client.GetDocumentAsync("/account/change-password");

        using var response = await client.PostFormAsync("/account/change-password", form, new()
        {
            ["CurrentPassword"] = account.Password,
            ["NewPassword"] = "ngắn quá",
            ["ConfirmPassword"] = "ngắn quá",
        });

        var page = await response.ReadDocumentAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ít nhất 12 ký tự", page.QuerySelector("[data-valmsg-for=NewPassword]")!.Text(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("input[type=password][value]:not([value=''])")); // nothing typed is echoed back
    }

    [Fact]
    public async Task The_new_password_must_differ_from_the_current_one()
    {
        var account = await factory.CreateAccountAsync(Persona.Leadership, email: "same.password@test.local");
        var client = factory.NewClient();
        using (await PortalFactory.SignInAsync(client, account.Email, account.Password))
        {
        }

        const string chosen = "gió mùa đông bắc về trên phố cổ";
        using (var first = await ChangePasswordAsync(client, account.Password, chosen))
        {
            Assert.Equal("/", first.Headers.Location?.OriginalString);
        }

        using var same = await ChangePasswordAsync(client, chosen, chosen);

        var page = await same.ReadDocumentAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("Mật khẩu mới phải khác mật khẩu hiện tại.", page.QuerySelector("[data-valmsg-for=NewPassword]")!.Text());
        Assert.Equal(1, await PasswordChangesAsync(account.Id));
    }

    [Theory]
    [InlineData("{0}")] // the temporary password itself
    [InlineData("{0} của tôi")] // with something added
    [InlineData("ABCD-EFGH-JKMN-PQRS")] // another one in that shape: an earlier one the administrator also saw
    public async Task A_temporary_password_cannot_become_ones_own(string newPassword)
    {
        var account = await factory.CreateAccountAsync(Persona.ProvincialCaoBangCema, email: $"temporary-{Guid.NewGuid():N}@test.local", mustChangePassword: true);
        var client = factory.NewClient();
        using (await PortalFactory.SignInAsync(client, account.Email, account.Password))
        {
        }

        var chosen = string.Format(System.Globalization.CultureInfo.InvariantCulture, newPassword, account.Password);
        using var kept = await ChangePasswordAsync(client, account.Password, chosen);

        var page = await kept.ReadDocumentAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, kept.StatusCode);
        Assert.StartsWith("Không dùng mật khẩu tạm thời do quản trị viên cấp", page.QuerySelector("[data-valmsg-for=NewPassword]")!.Text(), StringComparison.Ordinal);
        Assert.Equal(0, await PasswordChangesAsync(account.Id));
        using var stillOwed = await client.GetAsync(new Uri("/plans", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("/account/change-password", stillOwed.Headers.Location?.OriginalString);
    }

    private static async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string chosen)
    {
        var form = await client.GetDocumentAsync("/account/change-password");
        return await client.PostFormAsync("/account/change-password", form, new()
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = chosen,
            ["ConfirmPassword"] = chosen,
        });
    }

    private Task<int> PasswordChangesAsync(string userId) =>
        factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.UserId == userId && e.Action == CoordinationPortal.Domain.Auditing.AuditAction.PasswordChanged, TestContext.Current.CancellationToken));
}
