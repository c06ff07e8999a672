using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoordinationPortal.Migrations.SqlServer.Migrations
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
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reply",
                table: "QuarterlyReports",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReportLineComments",
                columns: table => new
                {
                    Step = table.Column<int>(type: "int", nullable: false),
                    ActivityId = table.Column<int>(type: "int", nullable: false),
                    ReportId = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false)
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
                    ReportId = table.Column<int>(type: "int", nullable: false),
                    Step = table.Column<int>(type: "int", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Lines = table.Column<string>(type: "nvarchar(max)", nullable: false)
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
