<?cs # templates/layout/macros.cs: form and page macros shared by every template (labelled input rows, step indicator) ?><?cs
#
# Conventions (read by every page):
#   Form.<name>    the value entered, printed back on error (never for password kinds)
#   Errors.<name>  a Chinese message shown under the field; the input gets class
#                  is-invalid, aria-invalid="true" and aria-describedby="e-<name>"
#   Errors.Form    and Page.Notice are printed by layout/header.cs, not by the pages.
#   Fix.<name>     a field a rejection asked to correct (需补正 beside its label; 已补正
#                  when Fixed.<name> says it changed since the rejection)
# Kinds (the "type" argument):
#   text, email, tel (11-digit mobile), code (6-digit SMS code),
#   password (current password: autocomplete=current-password),
#   newpassword (a new password: autocomplete=new-password).
# Password kinds never print Form.<name>.
# Ids: the input is f-<name>, its error e-<name>, its hint h-<name>.
?><?cs
# The platform's name: Site.Name, or the default when it is not configured. ?><?cs
def:site_name() ?><?cs if:Site.Name ?><?cs var:Site.Name ?><?cs else ?>福建省电子政务应用 CFCA数字证书在线受理平台<?cs /if ?><?cs /def ?><?cs
def:input(name, type, req, hint) ?><input id="f-<?cs var:name ?>" name="<?cs var:name ?>" <?cs
 if:type == "tel" ?>type="tel" inputmode="numeric" maxlength="11" pattern="1[0-9]{10}" autocomplete="tel" title="请输入11位手机号"<?cs
 elif:type == "code" ?>type="text" inputmode="numeric" maxlength="6" pattern="[0-9]{6}" autocomplete="one-time-code" title="请输入6位数字验证码"<?cs
 elif:type == "password" ?>type="password" maxlength="128" autocomplete="current-password"<?cs
 elif:type == "newpassword" ?>type="password" minlength="8" maxlength="128" autocomplete="new-password"<?cs
 elif:type == "email" ?>type="email" maxlength="254" autocomplete="email"<?cs
 else ?>type="text"<?cs /if ?><?cs
 if:type != "password" && type != "newpassword" ?> value="<?cs var:Form[name] ?>"<?cs /if ?> class="input<?cs
 if:Errors[name] ?> is-invalid<?cs /if ?>"<?cs
 if:req ?> required aria-required="true"<?cs /if ?><?cs
 if:Errors[name] ?> aria-invalid="true"<?cs /if ?><?cs
 if:Errors[name] || hint ?> aria-describedby="<?cs
  if:Errors[name] ?>e-<?cs var:name ?><?cs /if ?><?cs
  if:Errors[name] && hint ?> <?cs /if ?><?cs
  if:hint ?>h-<?cs var:name ?><?cs /if ?>"<?cs /if ?>><?cs
/def ?><?cs
# The error and hint lines printed under an input. ?><?cs
def:field_msgs(name, hint) ?><?cs
 if:Errors[name] ?>
      <p class="field-error" id="e-<?cs var:name ?>"><?cs var:Errors[name] ?></p><?cs /if ?><?cs
 if:hint ?>
      <p class="field-hint" id="h-<?cs var:name ?>"><?cs var:hint ?></p><?cs /if ?><?cs
/def ?><?cs
# The label of a row, with the red required marker before it and the 补正 mark after. ?><?cs
def:field_label(name, label, req) ?><label class="field-label" for="f-<?cs var:name ?>"><?cs
 if:req ?><span class="req" aria-hidden="true">*</span><?cs /if ?><?cs var:label ?><?cs
 if:Fix[name] && Fixed[name] ?> <span class="badge badge-done">已补正</span><?cs
 elif:Fix[name] ?> <span class="badge badge-fix">需补正</span><?cs /if ?></label><?cs
/def ?><?cs
# A labelled input row: call:field("mobile", "手机号", "tel", 1, "用于登录") ?><?cs
def:field(name, label, type, req, hint) ?>
    <div class="field<?cs if:Errors[name] ?> has-error<?cs /if ?>">
      <?cs call:field_label(name, label, req) ?>
      <div class="field-body">
      <?cs call:input(name, type, req, hint) ?><?cs call:field_msgs(name, hint) ?>
      </div>
    </div><?cs
/def ?><?cs
# A labelled input row with a submit button beside the input (e.g. 获取验证码): the button
# submits action=<action> and skips the browser's checks of the other fields. ?><?cs
def:field_send(name, label, type, req, hint, action, button) ?>
    <div class="field<?cs if:Errors[name] ?> has-error<?cs /if ?>">
      <?cs call:field_label(name, label, req) ?>
      <div class="field-body">
      <div class="input-group">
        <?cs call:input(name, type, req, hint) ?>
        <button type="submit" name="action" value="<?cs var:action ?>" class="btn btn-secondary" formnovalidate><?cs var:button ?></button>
      </div><?cs call:field_msgs(name, hint) ?>
      </div>
    </div><?cs
/def ?><?cs
# The invisible first submit button of a form with several buttons, so that pressing Enter
# in any field submits action=<action> (the browser's default button is the first one). ?><?cs
def:default_button(action, label) ?>
    <button type="submit" name="action" value="<?cs var:action ?>" class="default-submit" tabindex="-1" aria-hidden="true"><?cs var:label ?></button><?cs
/def ?><?cs
# The five steps of an application; current is 1-5 (0: none current, as on the home page). ?><?cs
def:steps(current) ?>
  <ol class="steps" aria-label="办理步骤">
    <li class="step<?cs if:current > 1 ?> is-done<?cs elif:current == 1 ?> is-current<?cs /if ?>"<?cs if:current == 1 ?> aria-current="step"<?cs /if ?>><span class="step-no">1</span><span class="step-name">填写申请表</span></li>
    <li class="step<?cs if:current > 2 ?> is-done<?cs elif:current == 2 ?> is-current<?cs /if ?>"<?cs if:current == 2 ?> aria-current="step"<?cs /if ?>><span class="step-no">2</span><span class="step-name">上传材料</span></li>
    <li class="step<?cs if:current > 3 ?> is-done<?cs elif:current == 3 ?> is-current<?cs /if ?>"<?cs if:current == 3 ?> aria-current="step"<?cs /if ?>><span class="step-no">3</span><span class="step-name">下载并上传申请表</span></li>
    <li class="step<?cs if:current > 4 ?> is-done<?cs elif:current == 4 ?> is-current<?cs /if ?>"<?cs if:current == 4 ?> aria-current="step"<?cs /if ?>><span class="step-no">4</span><span class="step-name">提交</span></li>
    <li class="step<?cs if:current == 5 ?> is-current<?cs /if ?>"<?cs if:current == 5 ?> aria-current="step"<?cs /if ?>><span class="step-no">5</span><span class="step-name">支付</span></li>
  </ol><?cs
/def ?>
