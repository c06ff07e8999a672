using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoordinationPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorQuarterTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IndicatorQuarterTotals",
                columns: table => new
                {
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorQuarterTotals", x => new { x.PlanId, x.Quarter, x.AgencyId, x.IndicatorId });
                    table.ForeignKey(
                        name: "FK_IndicatorQuarterTotals_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Filled from the reports already stored, by the rule IndicatorTotals.Compute keeps (ADR 0057):
            // submitted (2) and approved (4) reports, lines of activities provinces report on. Written by
            // hand, the same text for both providers: keep it when regenerating this migration.
            migrationBuilder.Sql(
                """
                INSERT INTO IndicatorQuarterTotals (PlanId, Quarter, AgencyId, IndicatorId, Total)
                SELECT r.PlanId, r.Quarter, r.AgencyId, v.IndicatorId, SUM(v.Value)
                FROM QuarterlyReports r
                JOIN ReportLines l ON l.ReportId = r.Id
                JOIN Activities a ON a.Id = l.ActivityId
                JOIN ReportLineValues v ON v.ReportLineId = l.Id
                WHERE r.State IN (2, 4) AND a.ProvincesReport = 1
                GROUP BY r.PlanId, r.Quarter, r.AgencyId, v.IndicatorId
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndicatorQuarterTotals");
        }
    }
}
