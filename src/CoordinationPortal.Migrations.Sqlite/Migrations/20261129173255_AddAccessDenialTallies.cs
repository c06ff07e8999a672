using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoordinationPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddAccessDenialTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessDenialTallies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AuditEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    WindowStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    LastAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastPath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessDenialTallies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessDenialTallies_AuditEntries_AuditEntryId",
                        column: x => x.AuditEntryId,
                        principalTable: "AuditEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessDenialTallies_Account_Kind_WindowStartUtc",
                table: "AccessDenialTallies",
                columns: new[] { "Account", "Kind", "WindowStartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccessDenialTallies_AuditEntryId",
                table: "AccessDenialTallies",
                column: "AuditEntryId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessDenialTallies");
        }
    }
}
