namespace Yiyang.Modules.Accounts;

/// <summary>
/// A small list of passwords and base words that attackers try first (international and Chinese favourites, in pinyin and
/// digits), lower case. Keyboard and alphabet runs are caught by rule (<see cref="PasswordRules"/>), not listed.
/// </summary>
internal static class CommonPasswords
{
    public static readonly HashSet<string> Set = new(StringComparer.Ordinal)
    {
        "password", "passw0rd", "p@ssword", "p@ssw0rd", "pass", "passwd", "password1", "password123", "admin", "admin123",
        "administrator", "root", "toor", "system", "manager", "welcome", "welcome1", "letmein", "login", "guest", "user",
        "test", "test123", "default", "changeme", "secret", "master", "monkey", "dragon", "shadow", "sunshine", "princess",
        "football", "baseball", "soccer", "superman", "batman", "trustno1", "iloveyou", "loveyou", "love", "lovely", "hello",
        "hello123", "freedom", "whatever", "starwars", "pokemon", "michael", "jordan", "jennifer", "charlie", "killer",
        "computer", "internet", "security", "qazwsx", "qweasd", "abc123", "abcd1234", "a123456", "aa123456", "a1234567",
        "a12345678", "qq123456", "qq5201314", "woaini", "woaini1314", "woaini520", "aini1314", "5201314", "520520", "1314520",
        "wangyi", "zhangwei", "wangwei", "liwei", "lijun", "liuyang", "zhang", "wang", "huang", "china", "zhongguo", "beijing",
        "shanghai", "baidu", "tencent", "taobao", "weixin", "wechat", "alipay", "yisheng", "hushi", "yiyuan", "yanglao",
        "hospital", "health", "medical",
        "mima", "mima123", "wodemima", "nihao", "nihao123", "haha", "hehe", "xiaoming", "xiaohong", "tiantian", "qwe123",
        "asd123", "zxc123", "abc123456", "password2024", "password2025", "password2026", "admin2024", "admin2025",
        "admin2026", "welcome2026", "spring", "summer", "autumn", "winter", "january", "december", "monday", "friday",
        "123456789012", "1234567890ab", "000000000000", "111111111111", "123123123123", "888888888888", "666666666666",
    };
}
