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
}
