using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoordinationPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportListOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_QuarterlyReports_Quarter_ProvinceId_AgencyId",
                table: "QuarterlyReports",
                columns: new[] { "Quarter", "ProvinceId", "AgencyId" },
                descending: new[] { true, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuarterlyReports_Quarter_ProvinceId_AgencyId",
                table: "QuarterlyReports");
        }
    }
}
