using CoordinationPortal.Domain.Indicators;

namespace CoordinationPortal.Data.Seed;

/// <summary>
/// The starting indicator catalogue of Plan 468, one list per activity, taken from the plan's own
/// wording (propaganda events, training courses, the "Thúc đẩy bình đẳng giới" column, workshops,
/// supervision missions, policy documents commented on, the 10-year review) and, for every
/// activity, the funds spent by source (section III: state budget or lawful mobilised sources).
/// Administrators add, rename and retire indicators from here on.
/// </summary>
internal static class Plan468Indicators
{
    internal sealed record IndicatorText(string Key, string Name, string EnglishName, IndicatorUnit Unit);

    private static readonly IndicatorText[] Funds =
    [
        new("FUNDS.STATE", "Kinh phí đã chi từ ngân sách nhà nước", "Funds spent from the state budget", IndicatorUnit.Vnd),
        new("FUNDS.MOBILISED", "Kinh phí đã chi từ nguồn vận động hợp pháp", "Funds spent from lawfully mobilised sources", IndicatorUnit.Vnd),
    ];

    public static readonly IReadOnlyDictionary<int, IndicatorText[]> ByActivityNumber = new Dictionary<int, IndicatorText[]>
    {
        [1] =
        [
            new("EVENTS", "Số cuộc tuyên truyền đã tổ chức", "Awareness events held", IndicatorUnit.Count),
            new("PARTICIPANTS", "Số lượt người tham dự", "Participants", IndicatorUnit.People),
            new("EM_WOMEN", "Trong đó: phụ nữ dân tộc thiểu số", "Of whom ethnic minority women", IndicatorUnit.People),
            new("MEDIA", "Số tin, bài tuyên truyền trên phương tiện thông tin đại chúng", "News items and articles in the mass media", IndicatorUnit.Count),
            new("COURSES", "Số lớp tập huấn, bồi dưỡng đã tổ chức", "Training courses held", IndicatorUnit.Count),
            new("TRAINED", "Số cán bộ Hội được tập huấn, bồi dưỡng", "Union officers trained", IndicatorUnit.People),
            .. Funds,
        ],
        [2] =
        [
            new("ARTICLES", "Số tin, bài viết chuyên đề đã đăng", "Feature articles and news published", IndicatorUnit.Count),
            new("VIDEOS", "Số video, phóng sự đã phát hành (Youtube, Fanpage)", "Videos and reports released (YouTube, Fanpage)", IndicatorUnit.Count),
            new("COLUMN", "Số kỳ Chuyên mục “Thúc đẩy bình đẳng giới ở vùng DTTS”", "Issues of the column on gender equality in ethnic minority areas", IndicatorUnit.Count),
            new("MODELS", "Số mô hình, điển hình được giới thiệu, biểu dương", "Models and role models featured or commended", IndicatorUnit.Count),
            .. Funds,
        ],
        [3] =
        [
            new("WORKSHOPS", "Số hội thảo đã tổ chức", "Workshops held", IndicatorUnit.Count),
            new("DELEGATES", "Số đại biểu tham dự", "Delegates attending", IndicatorUnit.People),
            new("RECOMMENDATIONS", "Số khuyến nghị, đề xuất được đưa ra", "Recommendations and proposals made", IndicatorUnit.Count),
            .. Funds,
        ],
        [4] =
        [
            new("MEETINGS", "Số cuộc họp Ban Điều hành, Tổ giúp việc Dự án 8 đã tham gia", "Project 8 steering and working group meetings attended", IndicatorUnit.Count),
            new("DOCUMENTS", "Số văn bản, báo cáo, hướng dẫn đã phối hợp xây dựng", "Documents, reports and guidance prepared together", IndicatorUnit.Count),
            new("LOCALITIES", "Số địa phương được hỗ trợ tháo gỡ khó khăn", "Localities helped with difficulties", IndicatorUnit.Count),
            new("MODELS", "Số mô hình thúc đẩy bình đẳng giới được triển khai", "Gender equality models put in place", IndicatorUnit.Count),
            .. Funds,
        ],
        [5] =
        [
            new("MISSIONS", "Số đoàn kiểm tra, giám sát liên ngành đã tham gia", "Joint inspection and supervision missions joined", IndicatorUnit.Count),
            new("POLICY_COMMENTS", "Số văn bản chính sách, dự thảo luật đã góp ý, phản biện", "Policy documents and draft laws commented on", IndicatorUnit.Count),
            .. Funds,
        ],
        [6] =
        [
            new("CONFERENCES", "Số hội nghị, hội thảo tổng kết đã tổ chức", "Review conferences and workshops held", IndicatorUnit.Count),
            new("DELEGATES", "Số đại biểu tham dự", "Delegates attending", IndicatorUnit.People),
            new("AWARDS", "Số tập thể, cá nhân được khen thưởng", "Groups and individuals commended", IndicatorUnit.Count),
            .. Funds,
        ],
        [7] =
        [
            new("DELIVERABLES", "Số báo cáo, kế hoạch đã hoàn thành", "Reports and plans completed", IndicatorUnit.Count),
            new("MEETINGS", "Số cuộc họp sơ kết đã tổ chức", "Review meetings held", IndicatorUnit.Count),
            .. Funds,
        ],
    };

    public static string CodeOf(int activityNumber, string key) => $"A{activityNumber}.{key}";
}
