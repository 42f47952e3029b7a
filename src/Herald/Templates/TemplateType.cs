namespace Herald.Templates;

public enum TemplateType { Email, Sms }
