using CoordinationPortal.Domain.Provinces;

namespace CoordinationPortal.Domain.Tests;

public sealed class VietnameseOrderTests
{
    [Fact]
    public void Province_names_run_in_Vietnamese_alphabetical_order_not_code_point_order()
    {
        string[] names = ["Đồng Tháp", "Bình Định", "Bắc Giang", "Yên Bái", "Đà Nẵng", "Bạc Liêu", "Cà Mau", "Bà Rịa - Vũng Tàu", "Điện Biên", "An Giang", "Bình Dương", "Ân Thi"];

        var sorted = names.Order(VietnameseOrder.Names).ToArray();

        Assert.Equal(
            ["An Giang", "Ân Thi", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bình Dương", "Bình Định", "Cà Mau", "Đà Nẵng", "Điện Biên", "Đồng Tháp", "Yên Bái"],
            sorted);
    }
}
