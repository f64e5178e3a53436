import QtQuick
import QtTest
import Pavilion.Backend
import Pavilion.Ui

// Taps through the resident screens as a person would and checks what the store holds afterwards.
Item {
    id: root
    width: 1920
    height: 1080

    KioskShell {
        id: shell
        anchors.fill: parent
        animations: false
    }

    TestCase {
        name: "ResidentFlows"
        when: windowShown

        function initTestCase() {
            // The kiosk loads its keyboard just after the first frame.
            tryVerify(function() { return shell.keyboardReady }, 5000, "the keyboard did not load")
        }

        function init() {
            shell.home()
            wait(0)
        }

        function item(name) {
            // Views create their delegates when they are laid out, which may be a frame later.
            tryVerify(function() { return findChild(shell, name) !== null }, 2000,
                      "no item named " + name + " on " + shell.currentScreen)
            var found = findChild(shell, name)
            verify(found !== null, "no item named " + name + " on " + shell.currentScreen)
            return found
        }

        function tap(name) {
            var target = item(name)
            verify(target.visible, name + " is not visible")
            verify(target.enabled, name + " is not enabled")
            mouseClick(target)
            wait(0)
        }

        // Types ASCII through key events and Chinese as the input method would commit it.
        function type(field, ascii, chinese) {
            mouseClick(field)
            for (var i = 0; i < ascii.length; ++i) keyClick(ascii[i])
            if (chinese) field.insert(field.cursorPosition, chinese)
            wait(0)
        }

        function goToText(category, places) {
            tap("reportButton")
            compare(shell.currentScreen, "report-category")
            tap("category-" + category)
            compare(shell.currentScreen, "report-location")
            for (var i = 0; i < places.length; ++i) tap("place-" + places[i])
        }

        function test_report_new_issue_by_taps() {
            var before = Kiosk.issueCount
            var unsentBefore = Kiosk.unsentCount
            goToText("elevator", ["丽景苑", "4号楼", "2单元"])
            if (shell.currentScreen === "report-similar") tap("notSameButton")
            compare(shell.currentScreen, "report-text")
            verify(!item("textNextButton").enabled, "next must wait for a description")

            type(item("descriptionField"), "2F ", "电梯门关不上，老人被夹过一次 '; DROP TABLE issues;-- 😀")
            type(item("phoneField"), "13912345678", "")
            tap("textNextButton")
            compare(shell.currentScreen, "report-review")
            tap("submitButton")
            compare(shell.currentScreen, "report-receipt")

            compare(Kiosk.issueCount, before + 1)
            compare(Kiosk.unsentCount, unsentBefore + 1)
            var code = shell.flow.receiptCode
            compare(code.length, 8)
            compare(item("receiptCode").text, code.substring(0, 4) + " " + code.substring(4))
            verify(item("receiptQr").valid)

            // The stored text is exactly what was typed, quotes and emoji included.
            verify(shell.lookup.lookup(code))
            compare(shell.lookup.text, "2F 电梯门关不上，老人被夹过一次 '; DROP TABLE issues;-- 😀")
            compare(shell.lookup.locationLabel, "丽景苑 4号楼 2单元")

            tap("doneButton")
            compare(shell.currentScreen, "home")
            compare(shell.flow.text, "")
            compare(shell.flow.phone, "")
        }

        function test_support_instead_of_duplicate() {
            var before = Kiosk.issueCount
            goToText("roof-leak", ["书香雅苑", "3号楼", "3单元"])
            compare(shell.currentScreen, "report-similar")
            verify(shell.flow.similar.count > 0)
            var list = item("similarList")
            var card = list.itemAtIndex(0)
            var supportersBefore = card.supporters
            mouseClick(findChild(card, "supportButton"))
            wait(0)
            compare(shell.currentScreen, "report-receipt")
            compare(shell.flow.receiptKind, "support")
            compare(shell.flow.receiptSupporters, supportersBefore + 1)
            compare(Kiosk.issueCount, before, "a +1 must not create a new issue")
            verify(shell.lookup.lookup(shell.flow.receiptCode))
            compare(shell.lookup.supporters, supportersBefore + 1)
            // The timeline folds the 附议 into one line: the report, then "N 位居民附议".
            compare(shell.lookup.timeline.count, 2)
            verify(shell.lookup.timeline.labelAt(1).indexOf((supportersBefore + 1) + " 位居民附议") === 0,
                   shell.lookup.timeline.labelAt(1))
        }

        function test_public_area_location() {
            goToText("sanitation", ["双福巷小区", "垃圾分类点"])
            verify(shell.currentScreen === "report-similar" || shell.currentScreen === "report-text")
            compare(shell.flow.locationLabel, "双福巷小区 · 垃圾分类点")
        }

        function test_overlong_text_stops_at_limit() {
            goToText("noise", ["丽景苑", "1号楼", "1单元"])
            if (shell.currentScreen === "report-similar") tap("notSameButton")
            var field = item("descriptionField")
            var tooLong = ""
            for (var i = 0; i < 620; ++i) tooLong += "吵"
            field.insert(0, tooLong)
            wait(0)
            compare(shell.flow.textLength, 500)
            compare(field.length, 500)
            verify(item("textCounter").text.indexOf("已到上限") >= 0)
        }

        function test_keyboard_never_covers_the_field() {
            goToText("noise", ["丽景苑", "1号楼", "1单元"])
            if (shell.currentScreen === "report-similar") tap("notSameButton")
            var field = item("descriptionField")
            mouseClick(field)
            tryVerify(function() { return shell.keyboardVisible }, 3000, "the keyboard did not open")
            var panel = shell.inputPanel
            tryVerify(function() { return panel.y + 1 >= shell.height - panel.height }, 3000)
            var bottom = field.mapToItem(shell, 0, 0).y + Math.min(field.height, field.parent.height)
            verify(bottom <= panel.y, "field bottom " + bottom + " is under the keyboard at " + panel.y)
            var phone = item("phoneField")
            mouseClick(phone)
            wait(50)
            var phoneBottom = phone.mapToItem(shell, 0, 0).y + phone.height
            verify(phoneBottom <= panel.y, "phone field bottom " + phoneBottom + " is under the keyboard at " + panel.y)
        }

        function test_wrong_phone_is_explained() {
            goToText("noise", ["丽景苑", "1号楼", "1单元"])
            if (shell.currentScreen === "report-similar") tap("notSameButton")
            type(item("descriptionField"), "", "晚上十点以后楼下还在装修")
            type(item("phoneField"), "12345678901", "")
            verify(shell.flow.phoneProblem !== "")
            verify(!item("textNextButton").enabled)
            item("phoneField").text = "1391234"
            verify(shell.flow.phoneProblem.indexOf("11 位") >= 0)
            item("phoneField").text = ""
            compare(shell.flow.phoneProblem, "")
            verify(item("textNextButton").enabled, "the phone number is optional")
        }

        function test_idle_reset_clears_everything() {
            goToText("greenery", ["书香雅苑", "1号楼", "1单元"])
            if (shell.currentScreen === "report-similar") tap("notSameButton")
            type(item("descriptionField"), "", "树挡住了一楼的光")
            var idle = item("idleMonitor")
            verify(idle.active)
            idle.advance(idle.timeoutSeconds - idle.warningSeconds)
            verify(idle.warning)
            verify(item("idleCountdown").text.indexOf(idle.remaining + " 秒") === 0)
            idle.advance(idle.warningSeconds)
            compare(shell.currentScreen, "home")
            compare(shell.flow.text, "")
            compare(shell.flow.categoryId, "")
            compare(shell.flow.compound, "")
            verify(!idle.active)
        }

        function test_track_by_code_and_kind_errors() {
            tap("trackButton")
            compare(shell.currentScreen, "track")
            var field = item("codeField")
            type(field, "ABC0", "")
            tap("searchButton")
            verify(shell.lookup.message.indexOf("0、O、1、I、L") >= 0)

            field.text = ""
            // A real code from the list, typed in lower case with a space.
            var recentCard = item("recentList").itemAtIndex(0)
            var real = recentCard.code
            type(field, real.substring(0, 4).toLowerCase() + " " + real.substring(4).toLowerCase(), "")
            tap("searchButton")
            verify(shell.lookup.found, shell.lookup.message)
            compare(shell.lookup.code, real)
            verify(item("trackStatus").text.indexOf(shell.lookup.statusLabel) >= 0)
        }
    }
}
