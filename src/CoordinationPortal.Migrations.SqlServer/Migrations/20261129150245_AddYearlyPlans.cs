using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoordinationPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddYearlyPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivityTasks_ActivityId_Number",
                table: "ActivityTasks");

            migrationBuilder.DropIndex(
                name: "IX_Activities_PlanId_Number",
                table: "Activities");

            migrationBuilder.AddColumn<int>(
                name: "CopiedFromYear",
                table: "Plans",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PublishedAtUtc",
                table: "Plans",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedByName",
                table: "Plans",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "RowVersion",
                table: "Plans",
                type: "rowversion",
                rowVersion: true,
                nullable: true);

            // Every plan stored before drafts existed was in force: the seeded Plan 468 and demo plans.
            migrationBuilder.AddColumn<int>(
                name: "State",
                table: "Plans",
                type: "int",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Plans",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<byte[]>(
                name: "RowVersion",
                table: "Indicators",
                type: "rowversion",
                rowVersion: true,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Target",
                table: "Indicators",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Indicators",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "ProvincesReport",
                table: "Activities",
                type: "bit",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "RowVersion",
                table: "Activities",
                type: "rowversion",
                rowVersion: true,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Activities",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "IndicatorProvinceTargets",
                columns: table => new
                {
                    ProvinceId = table.Column<int>(type: "int", nullable: false),
                    IndicatorId = table.Column<int>(type: "int", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorProvinceTargets", x => new { x.IndicatorId, x.ProvinceId });
                    table.ForeignKey(
                        name: "FK_IndicatorProvinceTargets_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IndicatorProvinceTargets_Provinces_ProvinceId",
                        column: x => x.ProvinceId,
                        principalTable: "Provinces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityTasks_ActivityId_Number",
                table: "ActivityTasks",
                columns: new[] { "ActivityId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_PlanId_Number",
                table: "Activities",
                columns: new[] { "PlanId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorProvinceTargets_ProvinceId",
                table: "IndicatorProvinceTargets",
                column: "ProvinceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndicatorProvinceTargets");

            migrationBuilder.DropIndex(
                name: "IX_ActivityTasks_ActivityId_Number",
                table: "ActivityTasks");

            migrationBuilder.DropIndex(
                name: "IX_Activities_PlanId_Number",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "CopiedFromYear",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "PublishedAtUtc",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "PublishedByName",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "RowVersion",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "State",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "RowVersion",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "Target",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "ProvincesReport",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "RowVersion",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityTasks_ActivityId_Number",
                table: "ActivityTasks",
                columns: new[] { "ActivityId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Activities_PlanId_Number",
                table: "Activities",
                columns: new[] { "PlanId", "Number" },
                unique: true);
        }
    }
}
