using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoordinationPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReviewLineCommentsRepliesAndSubmissionSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Reply",
                table: "ReportLines",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reply",
                table: "QuarterlyReports",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReportLineComments",
                columns: table => new
                {
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportLineComments", x => new { x.ReportId, x.Step, x.ActivityId });
                    table.ForeignKey(
                        name: "FK_ReportLineComments_QuarterlyReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "QuarterlyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportSubmissions",
                columns: table => new
                {
                    ReportId = table.Column<int>(type: "INTEGER", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Lines = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSubmissions", x => new { x.ReportId, x.Step });
                    table.ForeignKey(
                        name: "FK_ReportSubmissions_QuarterlyReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "QuarterlyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportLineComments");

            migrationBuilder.DropTable(
                name: "ReportSubmissions");

            migrationBuilder.DropColumn(
                name: "Reply",
                table: "ReportLines");

            migrationBuilder.DropColumn(
                name: "Reply",
                table: "QuarterlyReports");
        }
    }
}
