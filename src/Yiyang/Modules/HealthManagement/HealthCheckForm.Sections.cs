namespace Yiyang.Modules.HealthManagement;

/// <summary>The two longest sections of the yearly record (体格检查, 辅助检查), with their plausible ranges.</summary>
public sealed partial class HealthCheckForm
{
    private static CheckSection PhysicalExam() =>
        new("physicalExam", "体格检查",
        [
            F("physicalExam", "temperature", "体温", FieldKind.Number, "℃", 34m, 43m),
            F("physicalExam", "pulse", "脉率", FieldKind.Number, "次/分", 30, 220, decimals: 0),
            F("physicalExam", "respiration", "呼吸频率", FieldKind.Number, "次/分", 5, 60, decimals: 0),
            F("physicalExam", "systolic", "收缩压", FieldKind.Number, "mmHg", 60, 260, decimals: 0),
            F("physicalExam", "diastolic", "舒张压", FieldKind.Number, "mmHg", 30, 160, decimals: 0),
            F("physicalExam", "height", "身高", FieldKind.Number, "厘米", 100, 220),
            F("physicalExam", "weight", "体重", FieldKind.Number, "千克", 20, 200),
            F("physicalExam", "waist", "腰围", FieldKind.Number, "厘米", 40, 200),
            F("physicalExam", "oralCavity", "口腔", FieldKind.Choice, choices: NormalAbnormal),
            F("physicalExam", "visionLeft", "视力（左眼）", FieldKind.Number, null, 0m, 2.0m),
            F("physicalExam", "visionRight", "视力（右眼）", FieldKind.Number, null, 0m, 2.0m),
            F("physicalExam", "hearing", "听力", FieldKind.Choice, choices: [new("heard", "听见"), new("not-heard", "听不清或无法听见")]),
            F("physicalExam", "movement", "运动功能", FieldKind.Choice, choices:
                [new("able", "可顺利完成"), new("unable", "无法独立完成任何一个动作")]),
            F("physicalExam", "skin", "皮肤", FieldKind.Choice, choices: NormalAbnormal),
            F("physicalExam", "lymphNodes", "淋巴结", FieldKind.Choice, choices: NormalAbnormal),
            F("physicalExam", "heart", "心脏", FieldKind.Choice, choices: NormalAbnormal),
            F("physicalExam", "lungs", "肺", FieldKind.Choice, choices: NormalAbnormal),
            F("physicalExam", "abdomen", "腹部", FieldKind.Choice, choices: NormalAbnormal),
        ]);

    private static CheckSection Tests() =>
        new("tests", "辅助检查",
        [
            F("tests", "hemoglobin", "血常规：血红蛋白", FieldKind.Number, "g/L", 30, 250, decimals: 0),
            F("tests", "wbc", "血常规：白细胞", FieldKind.Number, "×10⁹/L", 0.5m, 100),
            F("tests", "platelets", "血常规：血小板", FieldKind.Number, "×10⁹/L", 5, 1500, decimals: 0),
            F("tests", "urineProtein", "尿常规：尿蛋白", FieldKind.Choice, choices: UrineGrades),
            F("tests", "urineGlucose", "尿常规：尿糖", FieldKind.Choice, choices: UrineGrades),
            F("tests", "urineKetone", "尿常规：尿酮体", FieldKind.Choice, choices: UrineGrades),
            F("tests", "urineOccultBlood", "尿常规：尿潜血", FieldKind.Choice, choices: UrineGrades),
            F("tests", "fastingGlucose", "空腹血糖", FieldKind.Number, "mmol/L", 1m, 35m),
            F("tests", "alt", "肝功能：血清谷丙转氨酶", FieldKind.Number, "U/L", 0, 2000, decimals: 0),
            F("tests", "ast", "肝功能：血清谷草转氨酶", FieldKind.Number, "U/L", 0, 2000, decimals: 0),
            F("tests", "totalBilirubin", "肝功能：总胆红素", FieldKind.Number, "μmol/L", 0, 500),
            F("tests", "creatinine", "肾功能：血清肌酐", FieldKind.Number, "μmol/L", 10, 2000, decimals: 0),
            F("tests", "bun", "肾功能：血尿素", FieldKind.Number, "mmol/L", 0.5m, 60m),
            F("tests", "totalCholesterol", "血脂：总胆固醇", FieldKind.Number, "mmol/L", 0.5m, 20m, decimals: 2),
            F("tests", "triglycerides", "血脂：甘油三酯", FieldKind.Number, "mmol/L", 0.1m, 30m, decimals: 2),
            F("tests", "ldl", "血脂：低密度脂蛋白胆固醇", FieldKind.Number, "mmol/L", 0.1m, 15m, decimals: 2),
            F("tests", "hdl", "血脂：高密度脂蛋白胆固醇", FieldKind.Number, "mmol/L", 0.1m, 5m, decimals: 2),
            F("tests", "ecg", "心电图", FieldKind.Choice, choices: NormalAbnormal),
            F("tests", "ultrasound", "腹部 B 超（肝胆胰脾）", FieldKind.Choice, choices: NormalAbnormal),
            F("tests", "note", "异常情况说明", FieldKind.Text, required: false),
        ]);
}
