namespace CoordinationPortal.Data.Seed;

/// <summary>
/// Plan 468/KH-HLHPNVN-UBDT of 21/03/2024, in the source text's own Vietnamese. Only two kinds of
/// edit were made: "UBND" where CEMA (UBDT) is meant, and line breaks that split a sentence.
/// </summary>
internal static class Plan468Text
{
    public const string Number = "468/KH-HLHPNVN-UBDT";
    public static readonly DateOnly IssuedOn = new(2024, 3, 21);
    public const string Place = "Hà Nội";

    /// <summary>
    /// Activities carried out by the central offices alone, on which provinces do not report:
    /// 3 (the central workshop) and 7 (the central review and the next year's plan). The plan's text
    /// does not say it in one word; it follows from what they are (docs/decisions/0021).
    /// </summary>
    public static readonly int[] CentralOnlyActivities = [3, 7];

    /// <summary>The plan was in force from its signature; the portal records it as published at the start of that day (Vietnam time).</summary>
    public static readonly DateTime SignedAtUtc = new(2024, 3, 20, 17, 0, 0, DateTimeKind.Utc);
    public const string Title = "Triển khai Chương trình phối hợp công tác giữa Ủy ban Dân tộc và Hội Liên hiệp Phụ nữ Việt Nam năm 2024";
    public const string Preamble = "Thực hiện Chương trình phối hợp công tác giữa Ủy ban Dân tộc và Hội Liên hiệp Phụ nữ Việt Nam giai đoạn 2021-2025 (văn bản số 1541/CTPH-UBDT-HLHPN ngày 12/10/2021), Trung ương Hội LHPN Việt Nam và Ủy ban Dân tộc xây dựng Kế hoạch triển khai các hoạt động thực hiện Chương trình phối hợp năm 2024 như sau:";
    public const string Funding = "Kinh phí thực hiện Chương trình phối hợp được bố trí từ nguồn ngân sách nhà nước và các nguồn vận động hợp pháp theo quy định. Hai cơ quan chủ động bố trí ngân sách thực hiện các hoạt động theo Kế hoạch đã ký.";

    public static readonly string[] Purposes =
    [
        "Cụ thể hóa các nội dung được ký kết giai đoạn 2021-2025 phù hợp với tình hình thực tế 2024 và phù hợp với chức năng, nhiệm vụ mỗi bên.",
        "Nhằm tuyên truyền, vận động, giáo dục nâng cao nhận thức và hỗ trợ chăm lo đời sống vật chất, tinh thần cho phụ nữ vùng đồng bào dân tộc thiểu số và miền núi, góp phần thực hiện hiệu quả Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021-2030, giai đoạn I: từ năm 2021 đến năm 2025 (sau đây gọi tắt là Chương trình MTQG DTTS và MN).",
        "Các hoạt động cần được triển khai có trọng tâm, trọng điểm, xác định ưu tiên theo yêu cầu nhiệm vụ công tác năm của hai cơ quan; gắn với thực hiện các chỉ tiêu, nhiệm vụ về Chương trình MTQG DTTS và MN trong năm 2024 và phù hợp với ngân sách từng cơ quan. Quá trình triển khai, hai ngành phối hợp chặt chẽ, đảm bảo hiệu quả.",
    ];

    public static readonly ActivityText[] Activities =
    [
        new(
            Title: "Tuyên truyền nâng cao nhận thức của hội viên, phụ nữ về chủ trương của Đảng, chính sách, pháp luật của Nhà nước, công tác dân tộc và Chương trình MTQG DTTS và MN",
            EnglishTitle: "Awareness-raising on Party and State policy, ethnic affairs and the National Target Programme",
            FirstQuarter: 1,
            LastQuarter: 4,
            ExpectedMonth: null,
            ScheduleText: "Năm 2024",
            Roles: RoleKind.Joint,
            Content: null,
            Form: null,
            Tasks:
            [
                new("Tổ chức các hoạt động tuyên truyền về chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước, các chế độ, chính sách hỗ trợ phát triển kinh tế - xã hội cho vùng đồng bào dân tộc thiểu số và miền núi; tuyên truyền, vận động thúc đẩy bình đẳng giới tại vùng đồng bào DTTS và MN; công tác triển khai và kết quả hỗ trợ từ Dự án 8 - Chương trình MTQG DTTS và MN trên các phương tiện thông tin đại chúng."),
                new("Tập huấn, bồi dưỡng nâng cao kiến thức, kỹ năng thực hiện công tác tuyên truyền vận động phụ nữ dân tộc, tôn giáo cho cán bộ Hội LHPN các tỉnh, thành."),
            ],
            Statements: []),
        new(
            Title: "Phối hợp tuyên truyền triển khai Dự án 8 và các hoạt động thúc đẩy bình đẳng giới ở vùng DTTS và MN",
            EnglishTitle: "Joint communication on Project 8 and gender equality in ethnic minority and mountainous areas",
            FirstQuarter: 2,
            LastQuarter: 4,
            ExpectedMonth: null,
            ScheduleText: "Từ quý II đến quý IV/2024.",
            Roles: RoleKind.Joint,
            Content: "Tuyên truyền về công tác triển khai và kết quả, tác động và mô hình/diễn hình từ can thiệp tác động của Dự án 8; tập trung truyền thông xoá bỏ một số định kiến, khuôn mẫu giới phổ biến trong gia đình và cộng đồng; tuyên truyền nâng cao nhận thức và vận động giải quyết một số vấn đề cấp thiết có tác động đến sự phát triển của phụ nữ, trẻ em DTTS. Biểu dương điển hình tiêu biểu trong thực hiện thúc đẩy bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ và trẻ em tại vùng đồng bào DTTS và MN.",
            Form: "Xây dựng Chuyên mục “Thúc đẩy bình đẳng giới ở vùng DTTS” trên báo in, ấn phẩm báo điện tử, kênh Youtube và Fanpage của Báo Dân tộc và Phát triển; Sản xuất và đăng tải tin, bài viết chuyên đề, hình ảnh tuyên truyền về công tác triển khai, kết quả thực hiện Dự án 8 và các hoạt động thúc đẩy bình đẳng giới ở vùng DTTS và MN trên các phương tiện báo chí truyền thông đại chúng theo nội dung nhiệm vụ gắn với kinh phí Chương trình MTQG DTTS và MN được giao của hai cơ quan năm 2024.",
            Tasks: [],
            Statements: []),
        new(
            Title: "Tổ chức Hội thảo rà soát, xác định vấn đề xã hội cấp thiết đối với phụ nữ, trẻ em vùng đồng bào DTTS và MN. Khuyến nghị/đề xuất nội dung/giải pháp vận động, hỗ trợ phụ nữ DTTS giai đoạn tiếp theo",
            EnglishTitle: "Workshop reviewing urgent social issues for ethnic minority women and children, with recommendations for the next phase",
            FirstQuarter: 4,
            LastQuarter: 4,
            ExpectedMonth: 10,
            ScheduleText: "Quý IV (dự kiến tháng 10/2024).",
            Roles: RoleKind.VwuLeads,
            Content: null,
            Form: null,
            Tasks: [],
            Statements: [new(AgencyKind.Vwu, "Chủ trì xây dựng kế hoạch, nội dung, bố trí kinh phí và tổ chức hội thảo."), new(AgencyKind.Cema, "Phối hợp với Trung ương Hội LHPN Việt Nam chủ trì, tổ chức Hội thảo.")]),
        new(
            Title: "Phối hợp triển khai công tác chỉ đạo, điều hành; theo dõi, đánh giá thực hiện Chương trình MTQG DTTS & MN",
            EnglishTitle: "Coordinated direction, management, monitoring and evaluation of the National Target Programme",
            FirstQuarter: 1,
            LastQuarter: 4,
            ExpectedMonth: null,
            ScheduleText: "Từ quý I- IV/2024",
            Roles: RoleKind.Joint,
            Content: null,
            Form: null,
            Tasks:
            [
                new("Tiếp tục tham gia tích cực với vai trò Thành viên Ban Điều hành, Tổ giúp việc Dự án 8 - Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào DTTS và MN giai đoạn 2021-2030, giai đoạn I: từ năm 2021 đến năm 2025."),
                new("Phối hợp trong công tác xây dựng, hoàn thiện hồ sơ Báo cáo đề xuất điều chỉnh chủ trương đầu tư Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021-2030, hồ sơ Quyết định điều chỉnh, bổ sung một số điều của Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ, các văn bản liên quan đến Chương trình MTQG DTTS và MN, sửa đổi hướng dẫn thực hiện Dự án 8 và rà soát, xác định vấn đề làm cơ sở xây dựng Chương trình MTQG DTTS và MN giai đoạn 2026-2030. Phối hợp xử lý tháo gỡ khó khăn, vướng mắc cho các địa phương trong quá trình triển khai thực hiện Dự án 8."),
                new("Chỉ đạo ngành dọc phối hợp tích cực triển khai có hiệu quả các mô hình, hoạt động thúc đẩy bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ và trẻ em tại vùng đồng bào DTTS & MN."),
                new("Phối hợp chuẩn bị các nội dung giải trình liên quan đến thông tin, kết quả Dự án 8 và thực hiện bình đẳng giới trong Chương trình MTQG DTTS và MN theo chỉ đạo của Thủ tướng Chính phủ, Đoàn Giám sát chuyên đề của Quốc hội và các Ban, ngành liên quan."),
                new("Phối hợp cập nhật thông tin, báo cáo triển khai Dự án 8 và cập nhật thông tin, kết quả thực hiện bình đẳng giới trong Chương trình năm 2024."),
            ],
            Statements: []),
        new(
            Title: "Phối hợp thực hiện giám sát, phản biện xã hội đối với chính sách pháp luật về công tác dân tộc",
            EnglishTitle: "Joint supervision and social criticism of ethnic-affairs policy and law",
            FirstQuarter: 2,
            LastQuarter: 4,
            ExpectedMonth: null,
            ScheduleText: "Từ quý II - IV/2024",
            Roles: RoleKind.Joint,
            Content: null,
            Form: null,
            Tasks:
            [
                new("Tham gia các đoàn kiểm tra, giám sát liên ngành việc tổ chức thực hiện các chính sách liên quan công tác dân tộc của Đảng và Nhà nước."),
                new("Tham gia góp ý, thẩm định các văn bản chính sách pháp luật, các đề án, dự án liên quan đến công tác dân tộc; tham gia góp ý, phản biện các văn bản dự thảo Luật sửa đổi bổ sung trong năm 2024, các báo cáo phát triển kinh tế - xã hội và báo cáo thực hiện mục tiêu quốc gia về bình đẳng giới năm 2024..."),
                new("Phối hợp hướng dẫn triển khai và giám sát, đánh giá thực hiện bình đẳng giới trong Chương trình MTQG DTTS và MN."),
            ],
            Statements: []),
        new(
            Title: "Tổng kết 10 năm thực hiện Nghị quyết số 06/NQ-BCH ngày 19/2/2014 của BCH TW Hội LHPN Việt Nam (khoá XI) về tăng cường công tác vận động phụ nữ dân tộc thiểu số, phụ nữ có đạo trong tình hình hiện nay làm cơ sở đề xuất ban hành Nghị quyết mới thay thế phù hợp với thực tế để giải quyết vấn đề xã hội đang đặt ra đối với phụ nữ dân tộc thiểu số, phụ nữ theo tôn giáo.",
            EnglishTitle: "10-year review of Resolution 06/NQ-BCH on mobilising ethnic minority and religious women",
            FirstQuarter: 2,
            LastQuarter: 3,
            ExpectedMonth: null,
            ScheduleText: "Dự kiến quý II-III/2024",
            Roles: RoleKind.VwuLeads,
            Content: null,
            Form: null,
            Tasks: [],
            Statements: [new(AgencyKind.Vwu, "Chủ trì xây dựng kế hoạch, nội dung, bố trí kinh phí và tổ chức hội thảo."), new(AgencyKind.Cema, "Mời phối hợp với Trung ương Hội LHPN Việt Nam chủ trì, tổ chức Hội thảo.")]),
        new(
            Title: "Sơ kết công tác phối hợp năm 2024 và xây dựng Kế hoạch triển khai Chương trình phối hợp năm 2025",
            EnglishTitle: "Interim review of 2024 coordination and the 2025 implementation plan",
            FirstQuarter: 4,
            LastQuarter: 4,
            ExpectedMonth: 12,
            ScheduleText: "Quý IV (dự kiến tháng 12/2024).",
            Roles: RoleKind.PerTask,
            Content: null,
            Form: null,
            Tasks: [new("Báo cáo kết quả thực hiện hoạt động phối hợp năm 2024", LeadAgency: AgencyKind.Vwu), new("Kế hoạch triển khai Chương trình phối hợp năm 2025", LeadAgency: AgencyKind.Cema)],
            Statements: [new(AgencyKind.Vwu, "Chủ trì xây dựng Kế hoạch triển khai Chương trình phối hợp và Báo cáo kết quả thực hiện hoạt động phối hợp năm 2024; phối hợp xây dựng Kế hoạch triển khai Chương trình phối hợp năm 2025."), new(AgencyKind.Cema, "Phối hợp xây dựng Kế hoạch triển khai chương trình phối hợp và Báo cáo kết quả hoạt động phối hợp năm 2024; chủ trì xây dựng Kế hoạch triển khai Chương trình phối hợp năm 2025.")]),
    ];

    public static readonly string[] VwuDuties =
    [
        "Chủ trì xây dựng Kế hoạch phối hợp thực hiện năm 2024 và Báo cáo kết quả triển khai Chương trình phối hợp trong năm; Tổ chức thực hiện các hoạt động cụ thể theo Kế hoạch, gắn với chức năng nhiệm vụ của Hội.",
        "Chỉ đạo, hướng dẫn Hội LHPN các cấp triển khai thực hiện các nhiệm vụ của Chương trình phối hợp gắn với thực hiện Dự án 8 - Chương trình MTQG DTTS và MN, Chương trình đồng hành cùng phụ nữ biên cương; tổng kết 10 năm triển khai Nghị quyết số 06/NQ-BCH, ngày 19/02/2014 của Ban Chấp hành TW Hội LHPN Việt Nam về “Tăng cường công tác vận động phụ nữ DTTS, phụ nữ có đạo trong tình hình hiện nay”.",
        "Đẩy mạnh tuyên truyền trên các kênh thông tin, tuyên truyền của Hội LHPN Việt Nam.",
        "Chủ trì tổ chức sơ kết, đánh giá kết quả triển khai các hoạt động năm 2024 thực hiện Chương trình phối hợp giữa hai cơ quan.",
    ];

    public static readonly string[] CemaDuties =
    [
        "Tổ chức thực hiện các hoạt động cụ thể theo Kế hoạch, gắn với chức năng, nhiệm vụ của ngành.",
        "Chỉ đạo Ban Dân tộc tại địa phương phối hợp với Hội LHPN Việt Nam cùng cấp tổ chức các hoạt động thực hiện Chương trình phối hợp.",
        "Chỉ đạo các kênh thông tin tuyên truyền của UBDT (như Báo Dân tộc và Phát triển, Cổng Thông tin điện tử của UBDT...) tăng cường tuyên truyền sâu rộng về nội dung, kết quả thực hiện Chương trình phối hợp và các kết quả, tác động can thiệp thúc đẩy bình đẳng giới tại vùng đồng bào DTTS và MN.",
        "Phối hợp với Trung ương Hội LHPN Việt Nam triển khai các hoạt động theo kế hoạch và tổ chức sơ kết, đánh giá kết quả thực hiện công tác phối hợp năm 2024.",
    ];

    public static readonly SignatoryText[] Signatories =
    [
        new(AgencyKind.Cema, "ỦY BAN DÂN TỘC", "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "THỨ TRƯỞNG, PHÓ CHỦ NHIỆM", "Y Vinh Tor"),
        new(AgencyKind.Vwu, "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM", "TM. ĐOÀN CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Thu Hiền"),
    ];

    public static readonly string[] Recipients =
    [
        "Lãnh đạo UBDT và TT ĐCTTW Hội (để c/d);",
        "Cơ quan công tác DT các tỉnh, TP trực thuộc TW;",
        "Hội LHPN 63 tỉnh/thành;",
        "Vụ DTTS, Vụ Tuyên truyền, Báo DT và PT (UBDT);",
        "Lưu: VT UBDT, VPĐP CTMTQG, VT TW Hội LHPNVN.",
    ];
}
