using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoordinationPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddProvinceLineage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "Region",
                table: "Provinces",
                type: "int",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "int");

            migrationBuilder.AddColumn<int>(
                name: "SuccessorId",
                table: "Provinces",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Type",
                table: "Provinces",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "ProvinceFormerNames",
                columns: table => new
                {
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    ProvinceId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Type = table.Column<int>(type: "int", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvinceFormerNames", x => new { x.ProvinceId, x.ValidTo });
                    table.ForeignKey(
                        name: "FK_ProvinceFormerNames_Provinces_ProvinceId",
                        column: x => x.ProvinceId,
                        principalTable: "Provinces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Provinces_SuccessorId",
                table: "Provinces",
                column: "SuccessorId");

            migrationBuilder.AddForeignKey(
                name: "FK_Provinces_Provinces_SuccessorId",
                table: "Provinces",
                column: "SuccessorId",
                principalTable: "Provinces",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Provinces_Provinces_SuccessorId",
                table: "Provinces");

            migrationBuilder.DropTable(
                name: "ProvinceFormerNames");

            migrationBuilder.DropIndex(
                name: "IX_Provinces_SuccessorId",
                table: "Provinces");

            migrationBuilder.DropColumn(
                name: "SuccessorId",
                table: "Provinces");

            migrationBuilder.DropColumn(
                name: "Type",
                table: "Provinces");

            migrationBuilder.AlterColumn<int>(
                name: "Region",
                table: "Provinces",
                type: "int",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "int",
                oldNullable: true);
        }
    }
}
