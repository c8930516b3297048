namespace Yiyang.Modules.Targets;

// The supervision indicators of docs/domain/targets.md: the draws exist, the inspections' results and the licensing
// decisions do not yet (they move to the Supervision module when it records them).

/// <summary>随机抽查比例: entities inspected ÷ the entity list, against ≥ 3 %.</summary>
public sealed class RandomInspectionRatio : PendingIndicator
{
    public override IndicatorDefinition Definition { get; } = new("random-inspection-ratio", "双随机抽查比例", IndicatorUnit.Percent,
        "年内完成现场检查的被抽查机构数", "抽查时主体名录中的机构数", "双随机抽查计划、抽取结果与检查记录",
        "西安 §二(八)17；阜新 (十八)", Bureaus.Health);

    protected override string Reason => "平台尚未记录现场检查结果（监督检查模块建设中），抽取结果不等于已检查。";
}

/// <summary>整改完成率: findings closed ÷ findings due.</summary>
public sealed class RectificationCompletionRate : PendingIndicator
{
    public override IndicatorDefinition Definition { get; } = new("rectification-completion-rate", "整改完成率", IndicatorUnit.Percent,
        "年内到期且已复查销号的问题数", "年内到期的检查问题数", "检查问题与整改复查记录", "西安 §二(八)18；阜新 (十九)", Bureaus.Health);

    protected override string Reason => "平台尚未记录检查问题和整改（监督检查模块建设中）。";
}

/// <summary>审批按时办结率: licensing decisions within the working-day limit.</summary>
public sealed class LicensingOnTimeRate : PendingIndicator
{
    public override IndicatorDefinition Definition { get; } = new("licensing-on-time-rate", "审批备案按时办结率", IndicatorUnit.Percent,
        "年内在法定工作日内作出决定的申请数", "年内作出决定的申请数", "设置审批、执业登记、养老机构备案申请", "台州；阜新；郑州", Bureaus.Health);

    protected override string Reason => "平台尚未受理审批与备案申请（监督检查模块建设中）。";
}
